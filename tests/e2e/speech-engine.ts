import { execFileSync } from 'node:child_process';

/**
 * Why real speech cannot run here, or null when it can. Real speech needs speech-dispatcher with
 * espeak-ng and a running PulseAudio (a null sink will do; without one speak() hangs): see README
 * "Listening" (`.ci/run` sets both up). Tests that need it skip, saying why.
 */
export function speechEngineMissing(): string | null {
  try {
    execFileSync('speech-dispatcher', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'speech-dispatcher is not installed';
  }
  try {
    execFileSync('pactl', ['info'], { stdio: 'ignore', timeout: 5000 });
  } catch {
    return 'PulseAudio is not running';
  }
  return null;
}
