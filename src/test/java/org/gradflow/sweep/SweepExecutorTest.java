package org.gradflow.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepExecutorTest {
  static final String SWEEP = "'axes': [{'path': 'params.diagonal.0', 'log': {'from': 0.5, 'to': 8, 'count': 5}}],"
      + " 'repeat': {'path': 'init.seed', 'seeds': [1, 2]},"
      + " 'expectations': [{'type': 'constant', 'id': 'C', 'quantity': {'event:T': 1, 'params.diagonal.0': 1},"
      + " 'tolerance': 0.01}, {'type': 'slope', 'id': 'S', 'x': 'params.diagonal.0', 'y': 'event:T', 'predicted': -1,"
      + " 'tolerance': 1e-3}]";

  @Test
  void runsPointsInParallelOnTheRequestedThreads(@TempDir Path dir) throws Exception {
    List<SweepPoint> pts = SweepFixtures.points(SWEEP).subList(0, 4);
    CountDownLatch together = new CountDownLatch(2);
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    PointRunner r = (p, f) -> {
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      together.countDown();
      together.await(5, TimeUnit.SECONDS); // the first two points must be in flight at once
      running.decrementAndGet();
      return SweepFixtures.fake(p, f);
    };
    SweepExecutor.Report rep = new SweepExecutor(new PointStore(dir), r, 2).run(pts, SweepProgress.silent("t", 4));
    assertThat(rep.ok()).isTrue();
    assertThat(rep.ran()).isEqualTo(4);
    assertThat(maxRunning.get()).isEqualTo(2);
    assertThat(together.getCount()).isZero();
  }

  @Test
  void completePointsAreSkippedAndTheirFoldersHoldTheRunFiles(@TempDir Path dir) throws Exception {
    List<SweepPoint> pts = SweepFixtures.points(SWEEP);
    PointStore store = new PointStore(dir);
    new SweepExecutor(store, SweepFixtures::fake, 2).run(pts.subList(0, 3), SweepProgress.silent("t", 3));
    Set<String> ran = ConcurrentHashMap.newKeySet();
    SweepExecutor.Report rep = new SweepExecutor(store, (p, f) -> {
      ran.add(p.id());
      return SweepFixtures.fake(p, f);
    }, 2).run(pts, SweepProgress.silent("t", pts.size()));
    assertThat(rep.skipped()).isEqualTo(3);
    assertThat(rep.ran()).isEqualTo(pts.size() - 3);
    assertThat(ran).doesNotContain("p0000", "p0001", "p0002").hasSize(pts.size() - 3);
    assertThat(store.folder(pts.get(0)).resolve("trajectory.csv")).exists();
    assertThat(store.folder(pts.get(0)).resolve("point.json")).exists();
    assertThat(listNames(dir.resolve("points"))).allMatch(n -> n.matches("p\\d{4}"));
  }

  @Test
  void aFolderWithAnotherSpecHashIsRerunAndTheOldOneKeptAside(@TempDir Path dir) throws Exception {
    PointStore store = new PointStore(dir);
    SweepPoint old = SweepFixtures.points("'axes': [{'path': 'params.diagonal.0', 'values': [3]}]").get(0);
    SweepPoint changed = SweepFixtures.points("'axes': [{'path': 'params.diagonal.0', 'values': [4]}]").get(0);
    new SweepExecutor(store, SweepFixtures::fake, 1).run(List.of(old), SweepProgress.silent("t", 1));
    assertThat(store.complete(changed)).isEmpty();
    SweepExecutor.Report rep = new SweepExecutor(store, SweepFixtures::fake, 1).run(List.of(changed), SweepProgress.silent("t", 1));
    assertThat(rep.ran()).isEqualTo(1);
    assertThat(store.complete(changed)).isPresent();
    assertThat(listNames(dir.resolve("points"))).containsExactlyInAnyOrder("p0000", "p0000.stale-" + old.hash().substring(0, 8));
  }

  @Test
  void aFailingPointIsReportedUnwrittenWhileTheOthersFinish(@TempDir Path dir) throws Exception {
    List<SweepPoint> pts = SweepFixtures.points(SWEEP).subList(0, 4);
    SweepExecutor.Report rep = new SweepExecutor(new PointStore(dir), (p, f) -> {
      if (p.index() == 2) {
        Files.writeString(f.resolve("half-written.csv"), "t,lo");
        throw new IllegalStateException("boom");
      }
      return SweepFixtures.fake(p, f);
    }, 2).run(pts, SweepProgress.silent("t", 4));
    assertThat(rep.failures()).containsOnlyKeys("p0002");
    assertThat(rep.failures().get("p0002")).contains("boom");
    assertThat(listNames(dir.resolve("points"))).containsExactlyInAnyOrder("p0000", "p0001", "p0003");
  }

  /**
   * A sweep killed after some points (simulated: the runner dies on its 4th point, leaving a
   * half-written staging folder, as kill -9 would) resumes to a byte-identical aggregate.
   */
  @Test
  void anInterruptedSweepResumesToTheIdenticalAggregate(@TempDir Path tmp) throws Exception {
    SweepSpec sweep = SweepFixtures.sweep(SWEEP);
    List<SweepPoint> pts = PointExpander.expand(sweep);
    Path whole = tmp.resolve("whole");
    Path broken = tmp.resolve("broken");
    new SweepExecutor(new PointStore(whole), SweepFixtures::fake, 2).run(pts, SweepProgress.silent("t", pts.size()));
    SweepAggregate.collect(sweep, pts, new PointStore(whole)).write(whole);

    AtomicInteger calls = new AtomicInteger();
    new SweepExecutor(new PointStore(broken), (p, f) -> {
      if (calls.incrementAndGet() > 3) {
        Files.writeString(f.resolve("trajectory.csv"), "t,lo");
        throw new Error("simulated kill");
      }
      return SweepFixtures.fake(p, f);
    }, 1).run(pts, SweepProgress.silent("t", pts.size()));
    // what a kill -9 leaves: a staging folder of an unfinished point
    Path leftover = Files.createDirectories(broken.resolve("points").resolve(".p0005.tmp-dead"));
    Files.writeString(leftover.resolve("trajectory.csv"), "t,l");
    SweepAggregate partial = SweepAggregate.collect(sweep, pts, new PointStore(broken));
    assertThat(partial.finished()).hasSize(3);
    assertThat(partial.missing()).hasSize(pts.size() - 3);
    partial.write(broken);
    assertThat(Files.readString(broken.resolve("aggregate.json"))).contains("\"verdict\" : \"INCOMPLETE\"");

    SweepExecutor.Report rep = new SweepExecutor(new PointStore(broken), SweepFixtures::fake, 2)
        .run(pts, SweepProgress.silent("t", pts.size()));
    assertThat(rep.skipped()).isEqualTo(3);
    SweepAggregate resumed = SweepAggregate.collect(sweep, pts, new PointStore(broken));
    resumed.write(broken);
    assertThat(leftover).doesNotExist();
    assertThat(Files.readString(broken.resolve("aggregate.csv"))).isEqualTo(Files.readString(whole.resolve("aggregate.csv")));
    assertThat(Files.readString(broken.resolve("aggregate.json"))).isEqualTo(Files.readString(whole.resolve("aggregate.json")));
    assertThat(Files.readString(whole.resolve("aggregate.csv")).lines()).hasSize(pts.size() + 1);
    // the fake's T·λ varies by seed/1000, inside the 1% band; its slope is exactly −1
    assertThat(resumed.results()).extracting(r -> r.check().verdict().name()).containsExactly("PASS", "PASS");
  }

  private static List<String> listNames(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
