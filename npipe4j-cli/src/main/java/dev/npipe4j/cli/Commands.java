package dev.npipe4j.cli;

import java.util.ArrayList;
import java.util.List;

/** Splits the command line of {@code serve --exec} into a program and its arguments. */
final class Commands {
  private Commands() {}

  /**
   * Splits at unquoted whitespace. Single quotes keep everything up to the next single quote;
   * double quotes keep everything up to the next double quote, where {@code \"} and {@code \\}
   * stand for themselves. No other character is special: no variables, globs or redirections.
   *
   * @param line the command line
   * @return the words, at least one
   * @throws IllegalArgumentException if a quote is not closed or there is no word
   */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' || c == '"') {
        int end = i + 1;
        while (end < line.length() && line.charAt(end) != c) {
          if (c == '"'
              && line.charAt(end) == '\\'
              && end + 1 < line.length()
              && (line.charAt(end + 1) == '"' || line.charAt(end + 1) == '\\')) {
            end++;
          }
          word.append(line.charAt(end));
          end++;
        }
        if (end == line.length()) {
          throw new IllegalArgumentException("unclosed " + c + " in: " + line);
        }
        i = end;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException("no command given");
    }
    return words;
  }
}
