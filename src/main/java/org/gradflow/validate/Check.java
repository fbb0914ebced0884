package org.gradflow.validate;

import java.util.List;

/** Turns runs (asked for through the context) into report lines. */
@FunctionalInterface
public interface Check {
  List<CheckResult> evaluate(SuiteContext context);
}
