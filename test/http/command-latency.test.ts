import assert from 'node:assert/strict';
import { Histogram, Registry } from 'prom-client';
import { CommandLatency } from '../../src/http/command-latency.js';

const BOUNDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/** The same observations into prom-client's own Histogram and into CommandLatency, each in a registry of its own. */
function both(observations: [string, number][]) {
  const theirs = new Registry();
  const ours = new Registry();
  const histogram = new Histogram({ name: 'rdobot_command_duration_seconds', help: 'Time to answer a command', labelNames: ['command'], buckets: BOUNDS, registers: [theirs] });
  const latency = new CommandLatency(ours, BOUNDS);
  for (const [command, seconds] of observations) {
    histogram.observe({ command }, seconds);
    latency.add(command, seconds);
  }
  return { theirs, ours, histogram, latency };
}

describe('the command latency histogram', () => {
  // On a bound, between bounds, over the last one, several commands (one of them with characters the text form escapes).
  const observations: [string, number][] = [
    ['interview latest', 0.0002],
    ['interview latest', 0.0005],
    ['interview latest', 0.0031],
    ['post search', 0.3],
    ['interview latest', 2.5],
    ['?', 0.00071],
    ['say "hi"\\now', 0.01],
    ['post search', 1],
  ];

  it('exposes exactly what prom-client\'s Histogram exposes for the same observations, as text and as JSON', async () => {
    const { theirs, ours } = both(observations);
    assert.equal(await ours.metrics(), await theirs.metrics());
    assert.deepEqual(await ours.getMetricsAsJSON(), await theirs.getMetricsAsJSON());
  });

  it('is empty before any command and after a reset, as prom-client\'s is', async () => {
    const { theirs, ours, histogram, latency } = both([]);
    assert.equal(await ours.metrics(), await theirs.metrics());
    latency.add('help', 0.001);
    histogram.observe({ command: 'help' }, 0.001);
    ours.resetMetrics();
    theirs.resetMetrics();
    assert.equal(await ours.metrics(), await theirs.metrics());
  });
});
