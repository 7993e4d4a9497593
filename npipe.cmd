@echo off
rem npipe: runs the npipe4j command line on Windows, from any directory.
rem Uses %JAVA_HOME%\bin\java.exe when JAVA_HOME is set, else java from PATH; it needs Java 22+.
rem It does not build: build npipe4j-cli\target\npipe.jar first with
rem   mvn -pl npipe4j-cli -am package -DskipTests
setlocal
set "NPIPE_JAR=%~dp0npipe4j-cli\target\npipe.jar"
if not exist "%NPIPE_JAR%" goto nojar
set "NPIPE_JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "NPIPE_JAVA=%JAVA_HOME%\bin\java.exe"
"%NPIPE_JAVA%" --enable-native-access=ALL-UNNAMED -jar "%NPIPE_JAR%" %*
exit /b %ERRORLEVEL%
:nojar
echo npipe: %NPIPE_JAR% is missing. Build it with: mvn -pl npipe4j-cli -am package -DskipTests 1>&2
exit /b 1
