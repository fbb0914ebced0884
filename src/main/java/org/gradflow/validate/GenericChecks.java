package org.gradflow.validate;

import java.util.List;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.RunView;
import org.gradflow.spec.SpecSection;

/**
 * Model-agnostic checks: {@code eventTime} (an event fires at a predicted time),
 * {@code finalValue} (an observable's value at the end of the run), {@code maxValue} (its
 * largest value over the run's samples, e.g. the drift of a conserved quantity),
 * {@code completes} (the run reaches t_end or its stop condition without failing).
 */
public final class GenericChecks implements CheckProvider {

  @Override
  public List<CheckType> checkTypes() {
    return List.of(
        type("eventTime", GenericChecks::eventTime),
        type("finalValue", c -> sampledValue(c, "finalValue", "final value of ", RunView::last)),
        type("maxValue", c -> sampledValue(c, "maxValue", "max over the samples of ", RunView::max)),
        type("completes", GenericChecks::completes));
  }

  /** A check type from a name and a factory. */
  public static CheckType type(String name, java.util.function.Function<SpecSection, Check> factory) {
    return new CheckType() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Check create(SpecSection config) {
        return factory.apply(config);
      }
    };
  }

  private static Check eventTime(SpecSection c) {
    CheckConfig.allowOnly(c, "event", "predicted", "relTol", "source");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    String event = c.text("event", null);
    if (event == null) {
      throw c.error("event", "required");
    }
    double predicted = c.number("predicted");
    double relTol = c.number("relTol");
    String id = c.text("id", "eventTime:" + event);
    String title = c.text("title", "time of event '" + event + "'");
    String source = c.text("source", "");
    return ctx -> {
      RunResult r = ctx.run(system, set);
      EventRecord e = r.firstEvent(event);
      if (e == null) {
        return List.of(CheckResult.condition(id, title, source, CheckResult.fmt(predicted), "event did not fire",
            false, "run outcome " + r.outcome() + ": " + r.reason()));
      }
      return List.of(CheckResult.relative(id, title, source, predicted, e.time(), relTol, ""));
    };
  }

  /** A value read off the run's samples by {@code read}, against a prediction. */
  private static Check sampledValue(SpecSection c, String type, String titlePrefix,
      java.util.function.ToDoubleBiFunction<RunView, String> read) {
    CheckConfig.allowOnly(c, "observable", "predicted", "relTol", "absTol", "source");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    String observable = c.text("observable", null);
    if (observable == null) {
      throw c.error("observable", "required");
    }
    double predicted = c.number("predicted");
    String id = c.text("id", type + ":" + observable);
    String title = c.text("title", titlePrefix + observable);
    String source = c.text("source", "");
    boolean relative = c.has("relTol");
    double tol = relative ? c.number("relTol") : c.number("absTol");
    return ctx -> {
      RunResult r = ctx.run(system, set);
      double measured = read.applyAsDouble(r.view(), observable);
      return List.of(relative
          ? CheckResult.relative(id, title, source, predicted, measured, tol, "")
          : CheckResult.absolute(id, title, source, predicted, measured, tol, ""));
    };
  }

  private static Check completes(SpecSection c) {
    CheckConfig.allowOnly(c, "source");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    String id = c.text("id", "completes:" + system);
    return ctx -> {
      RunResult r = ctx.run(system, set);
      return List.of(CheckResult.condition(id, c.text("title", "run completes without failure"),
          c.text("source", ""), "COMPLETED or STOPPED", r.outcome() + ": " + r.reason(), !r.failed(), ""));
    };
  }
}
