// In-page timing helpers for the benchmarks (a classic script, so it runs before any bundle).
//
// "Painted" is approximated the usual way: a check runs in a task posted from a requestAnimationFrame
// callback, i.e. right after that frame's style, layout and paint on the main thread. A measurement starts
// at the beginning of a frame (inside rAF) so a change that fits in one frame reports that frame's work,
// not the wait for the next vsync.
(() => {
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

  /** Resolves with `{ ms, frames }` once `painted()` holds after a frame; rejects after `timeoutMs`. */
  async function until(started, painted, timeoutMs) {
    let frames = 0;
    for (;;) {
      await afterPaint();
      frames++;
      if (painted()) return { ms: +(performance.now() - started).toFixed(2), frames };
      if (performance.now() - started > timeoutMs) throw new Error(`not painted after ${timeoutMs} ms`);
    }
  }

  /** Runs `action` at the start of a frame and measures until `painted()` holds after a frame. */
  async function measure(action, painted, timeoutMs = 60_000) {
    await nextFrame();
    performance.mark('bench-start');
    const started = performance.now();
    action();
    const result = await until(started, painted, timeoutMs);
    performance.mark('bench-painted');
    performance.measure('bench', 'bench-start', 'bench-painted');
    return result;
  }

  /** True when `el` has a box that overlaps the visible part of `scroller`. */
  function visibleIn(el, scroller) {
    if (!el || !scroller || !el.isConnected) return false;
    const r = el.getBoundingClientRect();
    const s = scroller.getBoundingClientRect();
    if (r.height <= 0 || r.width <= 0) return false;
    if (getComputedStyle(el).visibility === 'hidden') return false;
    return r.bottom > s.top && r.top < s.bottom && r.right > s.left && r.left < s.right;
  }

  /** Wall-clock time in ms with sub-ms precision, comparable across processes on this machine. */
  const epochNow = () => performance.timeOrigin + performance.now();

  window.bench = { nextFrame, afterPaint, until, measure, visibleIn, epochNow };
})();
