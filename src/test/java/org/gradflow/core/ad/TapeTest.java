package org.gradflow.core.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.hipparchus.util.Binary64;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.api.Test;

/** The tape's contract: reuse without growth, one thread, one recording, and the kink conventions. */
class TapeTest {

  @Test
  void reusedTapeKeepsItsArraysAcrossCalls() {
    RealTape tape = Tape.real();
    double[] x = {0.3, -0.7, 1.1};
    double[] g = new double[3];
    long[] bytes = new long[50];
    for (int call = 0; call < bytes.length; call++) {
      Adjoint<Binary64>[] v = tape.variables(x);
      Adjoint<Binary64> y = v[0].getField().getZero();
      for (int k = 0; k < 5000; k++) {
        y = y.add(v[k % 3].multiply(v[(k + 1) % 3]).sin());
      }
      tape.gradient(y, g);
      bytes[call] = tape.retainedBytes();
    }
    assertThat(bytes[bytes.length - 1]).as("no growth with the number of calls").isEqualTo(bytes[1]);
    assertThat(tape.size()).isEqualTo(3 + 3 * 5000);
  }

  @Test
  void valuesOfTwoTapesMeetingFail() {
    RealTape one = Tape.real();
    RealTape two = Tape.real();
    Adjoint<Binary64> a = one.variables(new double[] {1})[0];
    Adjoint<Binary64> b = two.variables(new double[] {2})[0];
    assertThatThrownBy(() -> a.multiply(b)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two different tapes");
    assertThatThrownBy(() -> b.add(a)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valueFromAnEarlierRecordingFails() {
    RealTape tape = Tape.real();
    Adjoint<Binary64> old = tape.variables(new double[] {1, 2})[0];
    Adjoint<Binary64> fresh = tape.variables(new double[] {1, 2})[1];
    assertThatThrownBy(() -> fresh.multiply(old)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("earlier recording");
    assertThatThrownBy(() -> tape.gradient(old.exp(), new double[2])).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void tapeIsConfinedToItsThread() throws InterruptedException {
    RealTape tape = Tape.real();
    Adjoint<Binary64> x = tape.variables(new double[] {1})[0];
    AtomicReference<Throwable> seen = new AtomicReference<>();
    Thread other = new Thread(() -> {
      try {
        x.sin();
      } catch (Throwable t) {
        seen.set(t);
      }
    });
    other.start();
    other.join();
    assertThat(seen.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("confined to one thread");
  }

  @Test
  void constantsStayOffTheTape() {
    RealTape tape = Tape.real();
    Adjoint<Binary64> x = tape.variables(new double[] {2})[0];
    Adjoint<Binary64> c = x.newInstance(3).multiply(x.getPi()).exp();
    assertThat(c.isConstant()).isTrue();
    assertThat(tape.size()).isEqualTo(1);
    double[] g = new double[1];
    tape.gradient(c, g);
    assertThat(g[0]).isZero();
    tape.gradient(x.multiply(c), g);
    assertThat(g[0]).isEqualTo(c.getReal());
  }

  /** The documented one-sided conventions at the kinks of abs, max, min and copySign. */
  @Test
  void kinksFollowTheStatedConventions() {
    double[] g = new double[2];
    RealTape tape = Tape.real();

    Adjoint<Binary64>[] v = tape.variables(new double[] {0.0, -0.0});
    tape.gradient(v[0].abs().add(v[1].abs()), g);
    assertThat(g).containsExactly(1.0, -1.0); // sign bit decides: +0 → +1, −0 → −1

    v = tape.variables(new double[] {1.5, 1.5});
    tape.gradient(FastMath.max(v[0], v[1]), g);
    assertThat(g).containsExactly(0.0, 1.0); // tie: max returns b
    v = tape.variables(new double[] {1.5, 1.5});
    tape.gradient(FastMath.min(v[0], v[1]), g);
    assertThat(g).containsExactly(0.0, 1.0); // tie: min returns b
    v = tape.variables(new double[] {2.0, 1.0});
    tape.gradient(FastMath.max(v[0], v[1]).add(FastMath.min(v[0], v[1]).multiply(3)), g);
    assertThat(g).containsExactly(1.0, 3.0);

    v = tape.variables(new double[] {0.5, -1.0});
    tape.gradient(v[0].copySign(v[1]), g);
    assertThat(g).containsExactly(-1.0, 0.0);

    // relu written as max(x, 0): derivative 1 above, 0 below, 0 at the kink (the constant 0 is returned)
    double[] one = new double[1];
    for (double[] c : new double[][] {{0.7, 1}, {-0.7, 0}, {0.0, 0}}) {
      Adjoint<Binary64>[] r = tape.variables(new double[] {c[0]});
      tape.gradient(FastMath.max(r[0], 0.0), one);
      assertThat(one[0]).as("relu'(" + c[0] + ")").isEqualTo(c[1]);
    }

    v = tape.variables(new double[] {0.0, 0.0});
    tape.gradient(v[0].hypot(v[1]).add(v[0].atan2(v[1])), g);
    assertThat(g).containsExactly(0.0, 0.0);
  }

  @Test
  void sweepSkipsUnreachedNodesAndHandlesAVariableOutput() {
    RealTape tape = Tape.real();
    Adjoint<Binary64>[] v = tape.variables(new double[] {1, 2, 3});
    v[0].multiply(v[1]).exp(); // recorded but not part of the output
    double[] g = new double[3];
    tape.gradient(v[2], g);
    assertThat(g).containsExactly(0.0, 0.0, 1.0);
    tape.negativeGradient(v[1].square(), g);
    assertThat(g).containsExactly(0.0, -4.0, 0.0);
  }
}
