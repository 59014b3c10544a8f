package dev.vmbkmcl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical Java signatures of the 74 KMCL functions ({@code kmcl-signatures.txt}, one line
 * {@code number|return|name|parameters} each), transcribed from the C prototypes of kmcl-api.md §2.
 */
final class KmclSignatures {
  /** One parameter: its declared type text, its C name, and whether it is {@code @Nullable}. */
  record Param(String type, String name, boolean nullable) {}

  /** One function of the catalogue. */
  record Function(int number, String returnType, String name, List<Param> params) {
    @Override
    public String toString() {
      return "#" + number + " " + name;
    }
  }

  private KmclSignatures() {}

  static List<Function> all() {
    List<Function> functions = new ArrayList<>();
    InputStream in = KmclSignatures.class.getResourceAsStream("kmcl-signatures.txt");
    if (in == null) {
      throw new IllegalStateException("kmcl-signatures.txt is not on the test class path");
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split("\\|", -1);
        functions.add(new Function(Integer.parseInt(fields[0]), fields[1], fields[2],
            params(fields[3])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return functions;
  }

  static Function byName(String name) {
    for (Function f : all()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("not a KMCL function: " + name);
  }

  private static List<Param> params(String text) {
    List<Param> params = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : (text + ",").toCharArray()) {
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        String p = current.toString().trim();
        if (!p.isEmpty()) {
          boolean nullable = p.startsWith("@Nullable ");
          String rest = nullable ? p.substring("@Nullable ".length()) : p;
          int space = rest.lastIndexOf(' ');
          params.add(new Param(rest.substring(0, space), rest.substring(space + 1), nullable));
        }
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    return params;
  }
}
