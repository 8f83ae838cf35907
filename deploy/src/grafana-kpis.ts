import type { SystemName } from '@switchyard/kit';

const RATE = '$__rate_interval';

/** One KPI panel of a system dashboard: a stat (headline number) or a time series. */
export type Kpi = { title: string; expr: string; legend: string; unit?: string; kind?: 'stat' };

/** The KPI panels per system, over the domain metrics of deploy/src/metrics.ts. */
export const KPIS: Record<SystemName, Kpi[]> = {
  coolthing: [
    {
      kind: 'stat',
      title: 'Leads found (24 h)',
      expr: 'sum(increase(coolthing_leads_found_total[24h]))',
      legend: 'leads',
    },
    {
      kind: 'stat',
      title: 'Leads contacted (24 h)',
      expr: 'sum(increase(coolthing_leads_contacted_total[24h]))',
      legend: 'contacted',
    },
    {
      kind: 'stat',
      title: 'Reply rate (24 h)',
      expr: 'sum(increase(coolthing_lead_replies_total[24h])) / sum(increase(coolthing_leads_contacted_total[24h]))',
      legend: 'reply rate',
      unit: 'percentunit',
    },
    {
      kind: 'stat',
      title: 'Accounts banned (24 h)',
      expr: 'sum(increase(coolthing_accounts_banned_total[24h]))',
      legend: 'bans',
    },
    {
      title: 'Leads found per hour by campaign',
      expr: 'sum by (campaign) (increase(coolthing_leads_found_total[1h]))',
      legend: '{{campaign}}',
    },
    {
      title: 'Leads contacted per hour by campaign',
      expr: 'sum by (campaign) (increase(coolthing_leads_contacted_total[1h]))',
      legend: '{{campaign}}',
    },
    {
      title: 'Script lines sent per minute',
      expr: `sum by (campaign) (rate(coolthing_script_lines_sent_total[${RATE}])) * 60`,
      legend: '{{campaign}}',
    },
    {
      title: 'Chats skipped per hour by reason',
      expr: 'sum by (reason) (increase(coolthing_chats_skipped_total[1h]))',
      legend: '{{reason}}',
    },
    { title: 'Bans per hour', expr: 'sum(increase(coolthing_accounts_banned_total[1h]))', legend: 'bans' },
    {
      title: 'Flood waits per hour',
      expr: 'sum(increase(coolthing_flood_waits_total[1h]))',
      legend: 'flood waits',
    },
    { title: 'Opt-outs per hour', expr: 'sum(increase(coolthing_opt_outs_total[1h]))', legend: 'opt-outs' },
  ],
  cinema: [
    {
      kind: 'stat',
      title: 'Sign-ins, all systems (24 h)',
      expr: 'sum(increase(identity_logins_total{outcome="ok"}[24h]))',
      legend: 'sign-ins',
    },
    {
      kind: 'stat',
      title: 'Searches (24 h)',
      expr: 'sum(increase(cinema_films_searches_total[24h]))',
      legend: 'searches',
    },
    {
      kind: 'stat',
      title: 'Ratings set (24 h)',
      expr: 'sum(increase(cinema_films_ratings_total{action="set"}[24h]))',
      legend: 'ratings',
    },
    {
      kind: 'stat',
      title: 'Films with embeddings',
      expr: 'max(cinema_films_embedded_films)',
      legend: 'films',
    },
    {
      title: 'Sign-ins per minute by outcome (identity: all systems)',
      expr: `sum by (outcome) (rate(identity_logins_total[${RATE}])) * 60`,
      legend: '{{outcome}}',
    },
    {
      title: 'Searches per minute by kind and mode',
      expr: `sum by (kind, mode) (rate(cinema_films_searches_total[${RATE}])) * 60`,
      legend: '{{kind}} / {{mode}}',
    },
    {
      title: 'Ratings per hour',
      expr: 'sum by (action) (increase(cinema_films_ratings_total[1h]))',
      legend: '{{action}}',
    },
    {
      title: 'Comments per hour',
      expr: 'sum by (action) (increase(cinema_films_comments_total[1h]))',
      legend: '{{action}}',
    },
    {
      title: 'Search latency p95',
      expr: `histogram_quantile(0.95, sum by (le, route) (rate(http_server_request_duration_seconds_bucket{system="cinema", route=~".*search.*"}[${RATE}])))`,
      legend: '{{route}}',
      unit: 's',
    },
  ],
  shop: [
    {
      kind: 'stat',
      title: 'Orders per minute',
      expr: `sum(rate(shop_orders_placed_total[${RATE}])) * 60`,
      legend: 'orders/min',
    },
    {
      kind: 'stat',
      title: 'Payment success (1 h)',
      expr: 'sum(increase(shop_payments_total{outcome="success"}[1h])) / sum(increase(shop_payments_total[1h]))',
      legend: 'success',
      unit: 'percentunit',
    },
    { kind: 'stat', title: 'Active carts', expr: 'sum(shop_carts_active)', legend: 'carts' },
    {
      kind: 'stat',
      title: 'Notification queue',
      expr: 'sum(bus_queue_depth{system="shop", service="notifications", queue!~".*\\\\.dlq"})',
      legend: 'waiting',
    },
    {
      title: 'Orders per minute',
      expr: `sum(rate(shop_orders_placed_total[${RATE}])) * 60`,
      legend: 'orders/min',
    },
    {
      title: 'Payments per minute by outcome',
      expr: `sum by (outcome) (rate(shop_payments_total[${RATE}])) * 60`,
      legend: '{{outcome}}',
    },
    {
      title: 'Notification success share',
      expr: `sum(rate(shop_notifications_total{outcome="sent"}[${RATE}])) / sum(rate(shop_notifications_total[${RATE}]))`,
      legend: 'sent',
      unit: 'percentunit',
    },
    {
      title: 'Search time p95',
      expr: `histogram_quantile(0.95, sum by (le) (rate(shop_search_duration_seconds_bucket[${RATE}])))`,
      legend: 'p95',
      unit: 's',
    },
    {
      title: 'Shop API latency p95 by service',
      expr: `histogram_quantile(0.95, sum by (le, service) (rate(http_server_request_duration_seconds_bucket{system="shop"}[${RATE}])))`,
      legend: '{{service}}',
      unit: 's',
    },
    {
      title: 'Shop API requests per second by status',
      expr: `sum by (status) (rate(http_server_requests_total{system="shop"}[${RATE}]))`,
      legend: '{{status}}',
      unit: 'reqps',
    },
  ],
  fitness: [
    {
      kind: 'stat',
      title: 'Workouts logged (24 h)',
      expr: 'sum(increase(fitness_workouts_logged_total[24h]))',
      legend: 'workouts',
    },
    {
      kind: 'stat',
      title: 'AI generations (24 h)',
      expr: 'sum(increase(fitness_ai_generations_total{outcome="success"}[24h]))',
      legend: 'generations',
    },
    {
      title: 'Workouts logged per hour',
      expr: 'sum(increase(fitness_workouts_logged_total[1h]))',
      legend: 'workouts',
    },
    {
      title: 'AI generations per hour by outcome',
      expr: 'sum by (outcome) (increase(fitness_ai_generations_total[1h]))',
      legend: '{{outcome}}',
    },
  ],
};

export const TITLES: Record<SystemName, string> = {
  coolthing: 'CoolThing',
  cinema: 'Cinema',
  shop: 'Shop',
  fitness: 'Fitness',
};
