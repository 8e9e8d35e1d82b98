// Unit checks of the dashboard's data logic (no browser): merging windows, reducing them to chart points,
// formatting. The TypeScript sources are bundled in memory by esbuild and imported from a data: URL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from 'esbuild';

async function importTs(source) {
  const out = await build({ stdin: { contents: source, resolveDir: new URL('../src/', import.meta.url).pathname, loader: 'ts' }, bundle: true, format: 'esm', write: false, logLevel: 'silent' });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

const { WindowStore, bucketize, splitByFinality, metricInfo, bucketFor, format, filters, changeOf, previousVisitors, readProblem, definitionOf, describeGoal } = await importTs(`
  export { WindowStore, bucketize, splitByFinality } from './series';
  export { changeOf } from './compare/change';
  export { previousVisitors } from './compare/previous-row';
  export { readProblem } from './problem';
  export { definitionOf, describeGoal } from './goals/definition';
  export * as filters from './audience/filters';
  export { metricInfo, bucketFor } from './metrics';
  export * as format from './format';
`);

const w = (start, size, value, final) => ({ start, end: start + size, value, final });

test('a final window replaces a provisional one and is never replaced by one', () => {
  const store = new WindowStore();
  assert.equal(store.merge('page_views', w(1000, 1000, 3, false)), true);
  assert.equal(store.merge('page_views', w(1000, 1000, 5, true)), true);
  assert.equal(store.merge('page_views', w(1000, 1000, 4, false)), false);
  assert.deepEqual(store.window('page_views', 1000), w(1000, 1000, 5, true));
  assert.equal(store.merge('page_views', w(1000, 1000, 5, true)), false, 'the same final value again is no change');
});

test('totals and latest look only inside the range', () => {
  const store = new WindowStore();
  for (const [start, v, final] of [[0, 1, true], [1000, 2, true], [2000, 4, false], [5000, 8, true]]) store.merge('page_views', w(start, 1000, v, final));
  assert.deepEqual(store.total('page_views', 1000, 5000), { value: 6, final: false, windows: 2 });
  assert.equal(store.latest('page_views', 0, 5000).start, 2000);
  store.prune(2000);
  assert.deepEqual(store.total('page_views', 0, 10_000), { value: 12, final: false, windows: 2 });
});

test('page views per second: quiet seconds between windows count 0, nothing is drawn outside the data', () => {
  const store = new WindowStore();
  // Seconds 10..14 hold 5 views at 10 s and 5 at 14 s; second 12 is provisional.
  store.merge('page_views', w(10_000, 1000, 5, true));
  store.merge('page_views', w(12_000, 1000, 2, false));
  store.merge('page_views', w(14_000, 1000, 5, true));
  const points = bucketize(store, metricInfo.page_views, 0, 20_000, 5000);
  assert.deepEqual(points, [
    { t: 0, value: null, final: true },
    { t: 5000, value: null, final: true },
    { t: 10_000, value: 12 / 5, final: false },
    { t: 15_000, value: null, final: false },
  ]);
  const perSecond = bucketize(store, metricInfo.page_views, 10_000, 15_000, 1000);
  assert.deepEqual(perSecond.map((p) => p.value), [5, 0, 2, 0, 5]);
  assert.deepEqual(perSecond.map((p) => p.final), [true, true, false, true, true]);
});

test('a bucket cut by the end of a finished range is final', () => {
  const store = new WindowStore();
  store.merge('page_views', w(10_000, 1000, 4, true));
  store.merge('page_views', w(11_000, 1000, 2, true));
  const [point] = bucketize(store, metricInfo.page_views, 10_000, 12_000, 5000);
  assert.deepEqual(point, { t: 10_000, value: 3, final: true });
});

test('a partly covered bucket is a rate over the part covered, not diluted by time not yet seen', () => {
  const store = new WindowStore();
  store.merge('page_views', w(10_000, 1000, 3, true));
  store.merge('page_views', w(11_000, 1000, 3, true));
  const [point] = bucketize(store, metricInfo.page_views, 10_000, 15_000, 5000);
  assert.equal(point.value, 3);
});

test('session averages over a wide bucket are weighted by their sessions', () => {
  const store = new WindowStore();
  store.merge('avg_session_duration', w(0, 60_000, 60_000, true));
  store.merge('avg_session_duration', w(60_000, 60_000, 240_000, true));
  store.merge('sessions', w(0, 60_000, 3, true));
  store.merge('sessions', w(60_000, 60_000, 1, true));
  store.merge('bounce_rate', w(0, 60_000, 0.5, true));
  const [duration] = bucketize(store, metricInfo.avg_session_duration, 0, 120_000, 120_000);
  assert.equal(duration.value, (3 * 60_000 + 240_000) / 4);
  assert.equal(duration.final, true);
  const [bounce] = bucketize(store, metricInfo.bounce_rate, 0, 120_000, 120_000);
  assert.equal(bounce.value, 0.5);
});

test('a bucket is as final as the grid says its windows are, whatever their age', () => {
  const store = new WindowStore();
  // A site that went quiet: one page view at 12 s, pushed provisional and then final, and nothing after it.
  store.merge('page_views', w(12_000, 1000, 1, false));
  assert.equal(bucketize(store, metricInfo.page_views, 0, 60_000, 5000)[2].final, false);
  store.merge('page_views', w(12_000, 1000, 1, true));
  assert.deepEqual(store.latest('page_views', 0, 60_000), w(12_000, 1000, 1, true), 'the card reads the window as final');
  // The 5 s bucket is as final as its one window: the page does not wait on a watermark of its own reckoning.
  assert.deepEqual(bucketize(store, metricInfo.page_views, 0, 60_000, 5000)[2], { t: 10_000, value: 1, final: true });
  // A provisional window stays provisional, however long ago it ended.
  store.merge('page_views', w(16_000, 1000, 2, false));
  const points = bucketize(store, metricInfo.page_views, 0, 60_000, 5000);
  assert.deepEqual(points.slice(2, 4).map((p) => p.final), [true, false]);
});

test('the provisional line joins the final one', () => {
  const points = [
    { t: 0, value: 1, final: true },
    { t: 1, value: 2, final: true },
    { t: 2, value: 3, final: false },
    { t: 3, value: null, final: false },
  ];
  assert.deepEqual(splitByFinality(points), { x: [0, 1, 2, 3], final: [1, 2, null, null], provisional: [null, 2, 3, null] });
});

test('buckets keep a chart within its points and a multiple of the metric step', () => {
  assert.equal(bucketFor(metricInfo.page_views, 15 * 60_000, 1000), 1000);
  assert.equal(bucketFor(metricInfo.page_views, 15 * 60_000, 300), 5000);
  assert.equal(bucketFor(metricInfo.active_users, 15 * 60_000, 1000), 5000);
  assert.equal(bucketFor(metricInfo.page_views, 24 * 3_600_000, 500), 300_000);
  assert.equal(bucketFor(metricInfo.bounce_rate, 15 * 60_000, 1000), 60_000);
});

test('durations read m:ss, minutes running past an hour', () => {
  assert.equal(format.formatMinutesSeconds(0), '0:00');
  assert.equal(format.formatMinutesSeconds(65_400), '1:05');
  assert.equal(format.formatMinutesSeconds(3_725_000), '62:05');
});

test('filters read as the API takes them: pairs joined by ;, and ; = % inside a value (or a dimension) encoded once more', () => {
  const { filtersText, parseFilters } = filters;
  assert.equal(filtersText([{ dimension: 'source', value: 'Google' }, { dimension: 'device', value: 'mobile' }]), 'source=Google;device=mobile');
  const odd = [{ dimension: 'utm_campaign', value: '50%;off=now' }, { dimension: 'page', value: '/a b/%41' }];
  assert.equal(filtersText(odd), 'utm_campaign=50%25%3Boff%3Dnow;page=/a b/%2541');
  assert.deepEqual(parseFilters(filtersText(odd)), odd);
  // In a URL the whole text is percent-encoded once more, and decoding the parameter gives it back.
  const query = new URLSearchParams({ filters: filtersText(odd) });
  assert.equal(query.toString(), 'filters=utm_campaign%3D50%2525%253Boff%253Dnow%3Bpage%3D%2Fa+b%2F%252541');
  assert.deepEqual(parseFilters(new URLSearchParams(query.toString()).get('filters')), odd);
  const prop = [{ dimension: 'prop:a=b', value: 'x' }];
  assert.equal(filtersText(prop), 'prop:a%3Db=x', 'a dimension is escaped like a value, as the API reads both halves');
  assert.deepEqual(parseFilters(filtersText(prop)), prop);
  assert.deepEqual(parseFilters(null), []);
  assert.deepEqual(parseFilters('=x;source;browser=Firefox;browser=Chrome'), [{ dimension: 'browser', value: 'Firefox' }]);
});

test('a filter on a dimension already filtered replaces it; removing one keeps the others', () => {
  const { withFilter, withoutFilter } = filters;
  const google = { dimension: 'source', value: 'Google' };
  const chrome = { dimension: 'browser', value: 'Chrome' };
  const bing = { dimension: 'source', value: 'Bing' };
  assert.deepEqual(withFilter(withFilter([google], chrome), bing), [bing, chrome]);
  assert.deepEqual(withoutFilter([google, chrome], 'source'), [chrome]);
});

test('the change from the previous period: a rounded percentage with its sign, "new" from nothing', () => {
  assert.deepEqual(changeOf(112, 100), { ratio: 0.12, text: '+12 %' });
  assert.deepEqual(changeOf(95, 100), { ratio: -0.05, text: '−5 %' });
  assert.deepEqual(changeOf(100, 100), { ratio: 0, text: '0 %' });
  assert.equal(changeOf(1001, 1000).text, '0 %', 'under half a percent rounds to no change');
  assert.equal(changeOf(2, 3).text, '−33 %');
  assert.equal(changeOf(0, 4).text, '−100 %');
  assert.deepEqual(changeOf(7, 0), { ratio: null, text: 'new' });
  assert.deepEqual(changeOf(0, 0), { ratio: 0, text: '0 %' });
  assert.equal(changeOf(1300, 100).text, '+1,200 %');
});

test('a row missing from the previous top rows had none only when that answer was not full', () => {
  const rows = [{ value: 'Google', visitors: 5 }, { value: 'Bing', visitors: 2 }];
  assert.equal(previousVisitors({ rows, limit: 10 }, 'Bing'), 2);
  assert.equal(previousVisitors({ rows, limit: 10 }, 'DuckDuckGo'), 0);
  assert.equal(previousVisitors({ rows, limit: 2 }, 'DuckDuckGo'), null);
});

test('a refusal reads as messages by form field, whatever the grid capitalised; a 409 keeps its detail', () => {
  const bad = readProblem(400, { title: 'One or more validation errors occurred.', status: 400, errors: { Name: ['not a slug'], page: ['starts with /'], 'props.plan': ['too long'], 'steps[1]': ['no goal "x"'] } });
  assert.deepEqual([...bad.errors], [['name', ['not a slug']], ['page', ['starts with /']], ['props', ['too long']], ['steps[1]', ['no goal "x"']]]);
  const inUse = readProblem(409, { title: 'Conflict', detail: 'the funnel "checkout" uses it' });
  assert.deepEqual([inUse.status, inUse.title, inUse.detail, inUse.errors.size], [409, 'Conflict', 'the funnel "checkout" uses it', 0]);
  assert.deepEqual(readProblem(409, null), { status: 409, title: 'The grid answered 409', detail: '', errors: new Map() });
  assert.deepEqual([...readProblem(400, { errors: { event: 'one message, not a list' } }).errors], [['event', ['one message, not a list']]]);
});

test('a goal reads as its definition, and the form sends the fields of its kind only', () => {
  assert.equal(describeGoal({ name: 'purchase', builtIn: true }), 'every conversion, with revenue');
  assert.equal(describeGoal({ name: 'pricing', page: '/pricing*' }), 'page /pricing*');
  assert.equal(describeGoal({ name: 'signup', event: 'signup', props: { plan: 'pro' } }), 'event signup where plan = pro');
  assert.equal(describeGoal({ name: 'signup', event: 'signup' }), 'event signup');
  const fields = { kind: 'page', page: '/pricing*', event: 'signup', propKey: 'plan', propValue: 'pro' };
  assert.deepEqual(definitionOf(fields), { page: '/pricing*' });
  assert.deepEqual(definitionOf({ ...fields, kind: 'event' }), { event: 'signup', props: { plan: 'pro' } });
  assert.deepEqual(definitionOf({ ...fields, kind: 'event', propKey: '' }), { event: 'signup' });
});
