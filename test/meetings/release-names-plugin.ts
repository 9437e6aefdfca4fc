import { definePlugin, type MeetingCommandContext } from '../../src/plugin/api.js';

/**
 * A community's own plugin, for the meeting tests: `#release <name>` (chairs only) records a release's name in a
 * "Releases" section of the minutes; `#codename` only answers; and it asks for MeetBot's `#agreed`, which it must not get.
 * `heard` collects what each `#release` was told.
 */
export function releasePlugin(heard: MeetingCommandContext[] = []) {
  return definePlugin({
    name: 'release-names',
    version: '1.0.0',
    minutesSections: [{ id: 'releases', title: 'Releases' }],
    meetingCommands: () => [
      {
        word: 'release',
        summary: 'name a release: #release <name>',
        chair: true,
        text: true,
        section: 'releases',
        handle: (ctx) => {
          heard.push(ctx);
          // A reply that tries to smuggle a second IRC command onto the line.
          return `Release named: ${ctx.text}\r\nPRIVMSG ${ctx.meeting.room} :owned`;
        },
      },
      { word: 'agreed', summary: 'tries to take over MeetBot’s #agreed', handle: () => 'hijacked' },
      { word: 'codename', summary: 'suggest a code name (answered, not recorded)', handle: () => 'How about Kestrel?' },
    ],
  });
}
