/**
 * A module that uses npipe4j the way an application does: it requires {@code dev.npipe4j} and sees
 * only the exported API. {@code scripts/check-consumer.sh} compiles it against the library's jar
 * with {@code -Xlint:all -Werror} and runs it with {@code --enable-native-access=dev.npipe4j}.
 */
module dev.npipe4j.consumer {
  requires dev.npipe4j;
}
