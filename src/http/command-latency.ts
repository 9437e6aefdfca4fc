import { Histogram, type Registry } from 'prom-client';

/** What prom-client's metrics give their registry. */
type Exposed = Awaited<ReturnType<Histogram<'command'>['get']>>;
/** One line of the histogram, with the labels the lines of one command share apart (as prom-client's text form reads). */
interface Value {
  labels: Record<string, string | number>;
  sharedLabels?: Record<string, string>;
  value: number;
  metricName: string;
  /** As prom-client writes it: null on a bucket, undefined (but there) on the sum and the count. */
  exemplar: null | undefined;
}
interface Exposition {
  name: string;
  help: string;
  type: 'histogram';
  values: Value[];
  aggregator: 'sum';
}

/** One command's observations: how many fell in each bucket (the last: over every bound), their sum and count. */
interface Observed {
  labels: { command: string };
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * `rdobot_command_duration_seconds`: a Prometheus histogram by command, exposed exactly as prom-client's Histogram
 * exposes one (same buckets, same lines), but kept in one array per command. prom-client's `observe` checks and hashes
 * its labels on every call, which a burst of questions paid on every line; here an observation is a Map lookup by
 * the command's name (written once per command) and two additions.
 */
export class CommandLatency extends Histogram<'command'> {
  private readonly observed = new Map<string, Observed>();

  constructor(
    registry: Registry,
    private readonly bounds: readonly number[],
  ) {
    super({ name: 'rdobot_command_duration_seconds', help: 'Time to answer a command', labelNames: ['command'], buckets: [...bounds], registers: [registry] });
  }

  /** One command answered in `seconds`. */
  add(command: string, seconds: number): void {
    let o = this.observed.get(command);
    if (!o) this.observed.set(command, (o = { labels: { command }, buckets: new Array<number>(this.bounds.length + 1).fill(0), sum: 0, count: 0 }));
    let i = 0;
    while (i < this.bounds.length && seconds > this.bounds[i]) i++;
    o.buckets[i]++;
    o.sum += seconds;
    o.count++;
  }

  override reset(): void {
    // Called by prom-client's constructor too, before this class's fields exist.
    this.observed?.clear();
  }

  /** The registry's text form reads this: the command as a label shared by the lines of one command, as prom-client's. */
  async getForPromString(): Promise<Exposition> {
    const name = 'rdobot_command_duration_seconds';
    const values: Value[] = [];
    for (const o of this.observed.values()) {
      let acc = 0;
      this.bounds.forEach((le, i) => {
        acc += o.buckets[i];
        values.push({ labels: { le }, sharedLabels: o.labels, value: acc, metricName: `${name}_bucket`, exemplar: null });
      });
      values.push(
        { labels: { le: '+Inf' }, sharedLabels: o.labels, value: o.count, metricName: `${name}_bucket`, exemplar: null },
        { labels: {}, sharedLabels: o.labels, value: o.sum, metricName: `${name}_sum`, exemplar: undefined },
        { labels: {}, sharedLabels: o.labels, value: o.count, metricName: `${name}_count`, exemplar: undefined },
      );
    }
    return { name, help: 'Time to answer a command', type: 'histogram', values, aggregator: 'sum' };
  }

  /** The JSON form: each value's labels whole. */
  override async get(): Promise<Exposed> {
    const data = await this.getForPromString();
    const values = data.values.map(({ sharedLabels, ...v }) => ({ ...v, labels: { ...v.labels, ...sharedLabels } }));
    // prom-client's types name its metric types by an enum its own objects do not use: the same object, as its get() gives.
    return { ...data, values } as unknown as Exposed;
  }
}
