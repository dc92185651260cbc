// A short alert tone made with the Web Audio API, so the console ships no
// audio file. Browsers start an AudioContext only after a user gesture, so
// the context is created on the first click in the panel (unlock) and a beep
// before that is skipped.
let context: AudioContext | null = null;

export function unlockAudio(): void {
  if (context === null && typeof AudioContext !== "undefined") {
    context = new AudioContext();
  }
  void context?.resume();
}

// Plays two 880 Hz pulses of 150 ms, short enough not to mask radio calls;
// emergencies use a higher 1320 Hz tone. Returns whether a sound was started.
export function beep(emergency = false): boolean {
  if (context === null || context.state !== "running") {
    return false;
  }
  const frequencyHz = emergency ? 1320 : 880;
  for (const startS of [0, 0.25]) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = "square";
    oscillator.frequency.value = frequencyHz;
    gain.gain.setValueAtTime(0.15, context.currentTime + startS);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + startS + 0.15);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(context.currentTime + startS);
    oscillator.stop(context.currentTime + startS + 0.16);
  }
  return true;
}
