package org.gradflow.integrate;

/** How a solve ended. */
public enum Outcome {
  /** reached t_end */
  COMPLETED,
  /** a stop condition or terminal event ended it early, as asked */
  STOPPED,
  /** the integration failed ({@link Failure}); results are partial */
  FAILED
}
