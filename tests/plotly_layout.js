// Layout faults in every plotly chart on the page, by the chart's div id: words off the page, too small to
// read, running into other words, or covering a mark. Evaluated in the browser after the charts are drawn.
(() => {
  const faults = {};
  const overlap = (r, s, margin) => Math.min(r.right, s.right) - Math.max(r.left, s.left) > margin
    && Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top) > margin;
  const screen = element => element.getBoundingClientRect();
  const own = text => { const b = text.getBBox(); return {left: b.x, right: b.x + b.width, top: b.y, bottom: b.y + b.height}; };
  // `other`'s box in `text`'s own frame: slanted labels side by side are judged by their glyphs, not their
  // upright bounding boxes.
  const inFrameOf = (text, other) => {
    const m = text.getCTM().inverse().multiply(other.getCTM()), b = other.getBBox();
    const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
      .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
    const xs = corners.map(c => c[0]), ys = corners.map(c => c[1]);
    return {left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys)};
  };
  // Words belong together when they are lines of one label, one legend entry, one tick, one title.
  const unit = text => text.closest('.annotation, .legendtext, .xtick, .ytick, .g-gtitle, .textpoint, .bartext, '
    + '.g-xtitle, .g-ytitle') || text;
  const quote = text => text.textContent.slice(0, 40);
  for (const chart of document.querySelectorAll('.plotly-graph-div')) {
    const page = screen(chart);
    const texts = [...chart.querySelectorAll('svg text')].filter(t => t.textContent.trim() && screen(t).width > 0);
    const found = [];
    // plotly hides a tick label that would run off the figure rather than drawing it cut.
    for (const label of chart.querySelectorAll('.xtick text, .ytick text'))
      if (label.textContent.trim() && getComputedStyle(label).display === 'none') found.push(`tick label hidden: ${quote(label)}`);
    for (const text of texts) {
      const box = screen(text);
      if (box.left < page.left - 1 || box.right > page.right + 1 || box.top < page.top - 1 || box.bottom > page.bottom + 1)
        found.push(`off the page: ${quote(text)}`);
      if (box.height < 9) found.push(`too small to read (${Math.round(box.height)} px high): ${quote(text)}`);
    }
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
      const [a, b] = [texts[i], texts[j]];
      if (unit(a) !== unit(b) && overlap(screen(a), screen(b), 1) && overlap(own(a), inFrameOf(a, b), 1)
          && overlap(own(b), inFrameOf(b, a), 1))
        found.push(`words run together: ${quote(a)} | ${quote(b)}`);
    }
    // A note, or words written on their own (not a point's label), must not cover a dot or an arrow head.
    const marks = [...chart.querySelectorAll('.scatterlayer path.point')].filter(p => screen(p).width > 0);
    for (const text of chart.querySelectorAll('.annotation-text-g text, .textpoint text')) {
      const trace = text.closest('.trace');
      if (trace && trace.querySelector('path.point')) continue;
      const covered = marks.filter(mark => overlap(screen(text), screen(mark), 2)).length;
      if (covered) found.push(`covers ${covered} mark(s): ${quote(text)}`);
    }
    // A point's own words (a marker's label in the same trace) lie nearer that point than any other.
    for (const trace of chart.querySelectorAll('.scatterlayer .trace')) {
      const points = [...trace.querySelectorAll('path.point')].map(screen);
      const words = [...trace.querySelectorAll('.textpoint text')];
      if (points.length < 2 || words.length !== points.length) continue;
      words.forEach((text, own) => {
        const box = screen(text);
        const gap = point => Math.hypot(Math.max(box.left - (point.left + point.right) / 2, 0, (point.left + point.right) / 2 - box.right),
                                        Math.max(box.top - (point.top + point.bottom) / 2, 0, (point.top + point.bottom) / 2 - box.bottom));
        const gaps = points.map(gap);
        if (gaps.some((g, i) => i !== own && g < gaps[own])) found.push(`words nearer another point than their own: ${quote(text)}`);
      });
    }
    faults[chart.id] = found;
  }
  return faults;
})()
