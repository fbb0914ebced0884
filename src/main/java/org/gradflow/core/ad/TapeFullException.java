package org.gradflow.core.ad;

import java.util.Locale;

/** A bounded {@link Tape} would have to grow past its memory bound to record more operations. */
public final class TapeFullException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  TapeFullException(int nodes, long maxBytes) {
    super(String.format(Locale.ROOT, "reverse-AD tape would exceed its bound of %.0f MB after %d recorded operations",
        maxBytes / 1e6, nodes));
  }
}
