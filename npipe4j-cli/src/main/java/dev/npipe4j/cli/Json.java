package dev.npipe4j.cli;

import java.util.Iterator;
import java.util.Map;

/** Writes the JSON of {@code --json}: objects, arrays, strings, numbers, booleans and null. */
final class Json {
  private Json() {}

  /**
   * Renders a value: a {@link Map} (keys in its iteration order) is an object, an {@link Iterable}
   * an array, a {@link CharSequence} a string, a {@link Number} or {@link Boolean} itself, null
   * null.
   *
   * @param value the value
   * @return its JSON text, on one line
   * @throws IllegalArgumentException for any other type, or a non-finite number
   */
  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object value) {
    switch (value) {
      case null -> sb.append("null");
      case CharSequence s -> string(sb, s);
      case Boolean b -> sb.append(b);
      case Double d when !Double.isFinite(d) ->
          throw new IllegalArgumentException("not a JSON number: " + d);
      case Number n -> sb.append(n);
      case Map<?, ?> m -> {
        sb.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
          Map.Entry<?, ?> e = it.next();
          string(sb, String.valueOf(e.getKey()));
          sb.append(':');
          write(sb, e.getValue());
          if (it.hasNext()) {
            sb.append(',');
          }
        }
        sb.append('}');
      }
      case Iterable<?> list -> {
        sb.append('[');
        Iterator<?> it = list.iterator();
        while (it.hasNext()) {
          write(sb, it.next());
          if (it.hasNext()) {
            sb.append(',');
          }
        }
        sb.append(']');
      }
      default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  private static void string(StringBuilder sb, CharSequence s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
