// How panels and dimensions read on screen. Their names come from the grid (GET /api/dimensions), never from here:
// a name without a label shows as it is, so a dimension the grid adds later still gets its tab.

const panelLabels = new Map([
  ['sources', 'Sources'],
  ['pages', 'Pages'],
  ['devices', 'Devices'],
  ['countries', 'Countries'],
]);

const dimensionLabels = new Map([
  ['source', 'Source'],
  ['utm_source', 'UTM source'],
  ['utm_medium', 'UTM medium'],
  ['utm_campaign', 'UTM campaign'],
  ['page', 'Page'],
  ['entry_page', 'Entry page'],
  ['exit_page', 'Exit page'],
  ['browser', 'Browser'],
  ['os', 'OS'],
  ['device', 'Device'],
  ['country', 'Country'],
]);

export const panelLabel = (name: string): string => panelLabels.get(name) ?? name;

export const dimensionLabel = (name: string): string => dimensionLabels.get(name) ?? name;
