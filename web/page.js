// rdobot's community page: every event time in the reader's own time zone (with UTC beside it), and
// "in 3 h 20 min" kept current. The page is complete without this script; it only rewrites what is there.
'use strict';

(() => {
  // Browsers report some zones by their old names; show the ones people use today.
  const ALIASES = {
    'Asia/Calcutta': 'Asia/Kolkata',
    'Asia/Katmandu': 'Asia/Kathmandu',
    'Asia/Rangoon': 'Asia/Yangon',
    'Asia/Saigon': 'Asia/Ho_Chi_Minh',
    'Europe/Kiev': 'Europe/Kyiv',
    'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
    'Atlantic/Faeroe': 'Atlantic/Faroe',
    'Pacific/Ponape': 'Pacific/Pohnpei',
    'Pacific/Truk': 'Pacific/Chuuk',
  };
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const zoneName = ALIASES[zone] || zone;
  const isUtc = /^(Etc\/)?(UTC|GMT|Universal|Zulu)$/.test(zone);
  const thisYear = new Date().getFullYear();

  const local = (withYear) =>
    new Intl.DateTimeFormat(undefined, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      ...(withYear ? { year: 'numeric' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
  const localThisYear = local(false);
  const localOtherYear = local(true);
  const utcTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
  const utcDay = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  const dayKey = (d, timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

  /** "3 h 20 min", "2 d 4 h", "12 min": the bot's own wording (src/schedule/format.ts). */
  const span = (ms) => {
    const minutes = Math.floor(Math.abs(ms) / 60000);
    if (minutes < 1) return 'less than a minute';
    const d = Math.floor(minutes / 1440);
    const h = Math.floor((minutes % 1440) / 60);
    const m = minutes % 60;
    if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
    if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
    return `${m} min`;
  };

  const countdown = (start, end, now) => {
    if (now < start) return `in ${span(start - now)}`;
    if (now < end) return `on now, ends in ${span(end - now)}`;
    return `ended ${span(now - end)} ago`;
  };

  const note = document.getElementById('zone');
  if (note && !isUtc) note.textContent = `Times are in your time zone, ${zoneName}, with UTC beside them.`;

  if (!isUtc) {
    for (const el of document.querySelectorAll('time.t[datetime]')) {
      const at = new Date(el.getAttribute('datetime'));
      if (Number.isNaN(at.getTime())) continue;
      el.textContent = (at.getFullYear() === thisYear ? localThisYear : localOtherYear).format(at);
      const utc = document.createElement('span');
      utc.className = 'utc';
      const sameDay = dayKey(at, zone) === dayKey(at, 'UTC');
      utc.textContent = ` (${sameDay ? '' : `${utcDay.format(at)} `}${utcTime.format(at)} UTC)`;
      el.after(utc);
    }
  }

  const rels = [...document.querySelectorAll('.rel[data-start][data-end]')].map((el) => ({
    el,
    start: Date.parse(el.dataset.start),
    end: Date.parse(el.dataset.end),
  }));
  const tick = () => {
    const now = Date.now();
    for (const r of rels) r.el.textContent = countdown(r.start, r.end, now);
  };
  tick();
  if (rels.length) setInterval(tick, 30000);
})();
