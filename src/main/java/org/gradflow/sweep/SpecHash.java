package org.gradflow.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Identity of a point's system spec: SHA-256 of its canonical JSON (object keys sorted at every
 * level, no whitespace, numbers normalized so that 64 and 64.0 hash alike). Two points with the
 * same hash run the same system; a point folder whose hash differs is stale.
 */
public final class SpecHash {
  private static final ObjectMapper COMPACT = JsonMapper.builder().build();

  private SpecHash() {}

  public static String of(JsonNode tree) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical(tree).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  public static String canonical(JsonNode tree) {
    try {
      return COMPACT.writeValueAsString(normalize(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  static JsonNode normalize(JsonNode n) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (n.isObject()) {
      ObjectNode out = f.objectNode();
      List<String> names = new ArrayList<>();
      n.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      for (String k : names) {
        out.set(k, normalize(n.get(k)));
      }
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = f.arrayNode();
      n.forEach(e -> out.add(normalize(e)));
      return out;
    }
    if (n.isNumber()) {
      double v = n.asDouble();
      if (n.isIntegralNumber() && n.canConvertToLong()) {
        return f.numberNode(n.asLong());
      }
      if (v == Math.rint(v) && Math.abs(v) < 0x1p53) {
        return f.numberNode((long) v);
      }
      return f.numberNode(v);
    }
    return n;
  }

  /** SHA-256 of the raw bits of a vector: equal iff the vectors are bit-identical. */
  public static String ofBits(double[] v) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] b = new byte[8];
      for (double x : v) {
        long bits = Double.doubleToRawLongBits(x);
        for (int i = 0; i < 8; i++) {
          b[i] = (byte) (bits >>> (8 * i));
        }
        md.update(b);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
