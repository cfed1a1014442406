// Draws each table of the statistics page as a chart, read from the table itself, so the
// page shows the same counts with and without scripts; a bar opens the filtered search.
(() => {
  if (!window.echarts) return;
  for (const chart of document.querySelectorAll('section.chart')) {
    const rows = [...chart.querySelectorAll('tbody tr')].map((row) => ({
      label: row.querySelector('th').textContent.trim(),
      count: Number(row.querySelector('td').textContent),
      link: row.querySelector('a').getAttribute('href'),
    }));
    const plot = chart.querySelector('.plot');
    if (rows.length === 0 || !plot) continue;
    // Years run along the bottom; units and topics, with their long names, down the side.
    const across = chart.dataset.chart === 'year' || chart.dataset.chart === 'result';
    // A long list gets the height its bars need (set through the DOM, which the page's
    // Content-Security-Policy allows, unlike a style attribute).
    if (across) plot.classList.add('across');
    else plot.style.height = (rows.length * 28 + 48) + 'px';
    const labels = { type: 'category', data: rows.map((r) => r.label), inverse: !across,
      axisLabel: { interval: 0, width: across ? 80 : 160, overflow: 'truncate' } };
    const counts = { type: 'value', minInterval: 1 };
    const drawn = echarts.init(plot, null, { renderer: 'svg' });
    drawn.setOption({
      animation: false,
      // Long names get a fixed margin, cut with an ellipsis: measured margins clip CJK text.
      grid: across ? { containLabel: true, left: 8, right: 16, top: 16, bottom: 8 }
        : { containLabel: false, left: 170, right: 24, top: 8, bottom: 24 },
      tooltip: { trigger: 'item' },
      xAxis: across ? labels : counts,
      yAxis: across ? counts : labels,
      series: [{ type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: '#8b1a1a' }, cursor: 'pointer' }],
    });
    drawn.on('click', (event) => { window.location.href = rows[event.dataIndex].link; });
    window.addEventListener('resize', () => drawn.resize());
  }
})();
