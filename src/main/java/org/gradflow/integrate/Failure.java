package org.gradflow.integrate;

/** Why a solve failed; the {@link Solution}'s reason says where and with what message. */
public enum Failure {
  /** the loss or the gradient became NaN or ±Inf */
  NON_FINITE,
  /** the adaptive step fell below its minimum */
  STEP_UNDERFLOW,
  /** the gradient-evaluation budget ran out */
  EVALUATION_BUDGET,
  /** the loss rose beyond what the tolerances allow: a gradient flow's loss cannot rise, so the result is not a solution */
  LOSS_ROSE
}
