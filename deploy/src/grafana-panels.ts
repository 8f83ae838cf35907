/** Small builders for Grafana dashboard JSON (schema 39, Grafana 10/11). */

export const PROMETHEUS = { type: 'prometheus', uid: 'prometheus' };

export interface Query {
  expr: string;
  legend: string;
}

export interface PanelOptions {
  unit?: string;
  description?: string;
  stack?: boolean;
  width?: number;
  height?: number;
}

type Panel = Record<string, unknown>;

/** Lays panels out left to right, 24 columns wide, and numbers them. */
export class Board {
  private readonly panels: Panel[] = [];
  private nextId = 1;
  private x = 0;
  private y = 0;
  private rowHeight = 0;

  row(title: string, repeat?: string): this {
    this.newLine();
    this.panels.push({
      id: this.nextId++,
      type: 'row',
      title,
      collapsed: false,
      gridPos: { h: 1, w: 24, x: 0, y: this.y },
      panels: [],
      ...(repeat ? { repeat } : {}),
    });
    this.y += 1;
    return this;
  }

  timeseries(title: string, queries: Query[], options: PanelOptions = {}): this {
    return this.place(
      {
        type: 'timeseries',
        title,
        fieldConfig: {
          defaults: {
            unit: options.unit ?? 'short',
            custom: {
              drawStyle: 'line',
              lineWidth: 1,
              fillOpacity: options.stack ? 30 : 10,
              stacking: { mode: options.stack ? 'normal' : 'none', group: 'A' },
            },
          },
          overrides: [],
        },
        options: { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } },
      },
      queries,
      options,
      { width: 12, height: 8 },
    );
  }

  stat(title: string, query: Query, options: PanelOptions = {}): this {
    return this.place(
      {
        type: 'stat',
        title,
        fieldConfig: { defaults: { unit: options.unit ?? 'short' }, overrides: [] },
        options: { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'value' },
      },
      [query],
      options,
      { width: 6, height: 4 },
    );
  }

  build(meta: { uid: string; title: string; tags: string[]; variables?: unknown[]; description?: string }) {
    return {
      uid: meta.uid,
      title: meta.title,
      description: meta.description ?? '',
      tags: ['switchyard', ...meta.tags],
      editable: true,
      graphTooltip: 1,
      schemaVersion: 39,
      version: 1,
      refresh: '30s',
      time: { from: 'now-3h', to: 'now' },
      timezone: 'browser',
      templating: { list: meta.variables ?? [] },
      annotations: { list: [] },
      links: [{ type: 'dashboards', tags: ['switchyard'], asDropdown: true, title: 'Switchyard' }],
      panels: this.panels,
    };
  }

  private place(
    panel: Panel,
    queries: Query[],
    options: PanelOptions,
    size: { width: number; height: number },
  ) {
    const w = options.width ?? size.width;
    const h = options.height ?? size.height;
    if (this.x + w > 24) this.newLine();
    this.panels.push({
      id: this.nextId++,
      ...panel,
      ...(options.description ? { description: options.description } : {}),
      datasource: PROMETHEUS,
      gridPos: { h, w, x: this.x, y: this.y },
      targets: queries.map((q, i) => ({
        refId: String.fromCharCode(65 + i),
        datasource: PROMETHEUS,
        expr: q.expr,
        legendFormat: q.legend,
        range: true,
      })),
    });
    this.x += w;
    this.rowHeight = Math.max(this.rowHeight, h);
    return this;
  }

  private newLine() {
    if (this.x === 0) return;
    this.y += this.rowHeight;
    this.x = 0;
    this.rowHeight = 0;
  }
}

/** A dashboard variable filled from a label's values. */
export function labelVariable(
  name: string,
  query: string,
  options: { multi?: boolean; label?: string } = {},
) {
  return {
    name,
    label: options.label ?? name,
    type: 'query',
    datasource: PROMETHEUS,
    query: { query, refId: `${name}-values` },
    definition: query,
    refresh: 2,
    sort: 1,
    multi: options.multi ?? true,
    includeAll: true,
    allValue: '.*',
    current: { selected: true, text: 'All', value: '$__all' },
  };
}
