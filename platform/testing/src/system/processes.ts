import { readdir, readFile } from 'node:fs/promises';

/**
 * Child processes of `parent` whose environment holds `entry` (`ACCOUNT_ID=...`): the workers
 * a watchdog started for one account or run. Reads /proc, so Linux only.
 */
export async function childProcessesWith(parent: number, entry: string): Promise<number[]> {
  const found: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      // The parent pid is the second field after the command, which may itself hold spaces.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== parent) continue;
      const environ = (await readFile(`/proc/${name}/environ`, 'utf8')).split('\0');
      if (environ.includes(entry)) found.push(Number(name));
    } catch {
      // ended meanwhile, or not ours to read
    }
  }
  return found;
}
