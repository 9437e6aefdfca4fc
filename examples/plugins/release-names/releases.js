/**
 * OpenStack's releases, oldest first: name, version, release date (UTC). From 2023 on the version is the year and
 * the half (2024.1); a .1 release from 2023 on is a SLURP release (an upgrade may skip the .2 before it). Liberty to
 * Zed had no release-wide version.
 */
export const RELEASES = [
  ['austin', '2010.1', '2010-10-21'],
  ['bexar', '2011.1', '2011-02-03'],
  ['cactus', '2011.2', '2011-04-15'],
  ['diablo', '2011.3', '2011-09-22'],
  ['essex', '2012.1', '2012-04-05'],
  ['folsom', '2012.2', '2012-09-27'],
  ['grizzly', '2013.1', '2013-04-04'],
  ['havana', '2013.2', '2013-10-17'],
  ['icehouse', '2014.1', '2014-04-17'],
  ['juno', '2014.2', '2014-10-16'],
  ['kilo', '2015.1', '2015-04-30'],
  ['liberty', '', '2015-10-15'],
  ['mitaka', '', '2016-04-07'],
  ['newton', '', '2016-10-06'],
  ['ocata', '', '2017-02-22'],
  ['pike', '', '2017-08-30'],
  ['queens', '', '2018-02-28'],
  ['rocky', '', '2018-08-30'],
  ['stein', '', '2019-04-10'],
  ['train', '', '2019-10-16'],
  ['ussuri', '', '2020-05-13'],
  ['victoria', '', '2020-10-14'],
  ['wallaby', '', '2021-04-14'],
  ['xena', '', '2021-10-06'],
  ['yoga', '', '2022-03-30'],
  ['zed', '', '2022-10-05'],
  ['antelope', '2023.1', '2023-03-22'],
  ['bobcat', '2023.2', '2023-10-04'],
  ['caracal', '2024.1', '2024-04-03'],
  ['dalmatian', '2024.2', '2024-10-02'],
  ['epoxy', '2025.1', '2025-04-02'],
  ['flamingo', '2025.2', '2025-10-01'],
].map(([name, version, date]) => ({ name, version, date }));

/** `name:version:date` (the `more` setting): releases the table does not have yet. */
export function parseMore(entries) {
  return entries.map((entry) => {
    const [name = '', version = '', date = ''] = entry.split(':').map((s) => s.trim());
    if (!/^[a-z]+$/i.test(name) || !/^(\d{4}\.\d)?$/.test(version) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      throw new Error(`more: '${entry}' is not name:version:date (gazpacho:2026.1:2026-04-01)`);
    }
    return { name: name.toLowerCase(), version, date };
  });
}
