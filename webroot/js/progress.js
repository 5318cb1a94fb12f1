// 我的进步 and 团队看板: KPI trend lines against their targets, the score distribution, the sortable cohort
// table and the print button. Data comes from HTML-escaped data-* attributes (no inline script under the CSP).
function chartOf(el) {
  var chart = window.echarts.init(el);
  window.addEventListener('resize', function () { chart.resize(); });
  return chart;
}

var trendEl = document.getElementById('trend-chart');
if (trendEl && window.echarts) {
  var trend = JSON.parse(trendEl.getAttribute('data-trend'));
  var keys = Object.keys(trend.series);
  var series = keys.map(function (k) {
    var s = { name: trend.labels[k] || k, type: 'line', connectNulls: true, data: trend.series[k] };
    if (trend.targets[k] !== undefined) {
      s.markLine = { symbol: 'none', silent: true, lineStyle: { type: 'dashed' },
        label: { formatter: '目标 ' + trend.targets[k] }, data: [{ yAxis: trend.targets[k] }] };
    }
    return s;
  });
  var chart = chartOf(trendEl);
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', selectedMode: 'single' },
    grid: { left: 48, right: 24, top: 48, bottom: 32 },
    xAxis: { type: 'category', data: trend.days },
    yAxis: { type: 'value' },
    series: series
  });
  trendEl.setAttribute('data-rendered', trend.days.length > 0 ? 'true' : 'empty');
}

var distEl = document.getElementById('distribution-chart');
if (distEl && window.echarts) {
  var dist = JSON.parse(distEl.getAttribute('data-distribution'));
  chartOf(distEl).setOption({
    tooltip: {},
    grid: { left: 40, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: dist.labels },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: '学员数', data: dist.counts, itemStyle: { color: '#4b6bfb' } }]
  });
  distEl.setAttribute('data-rendered', 'true');
}

document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('thead th').forEach(function (th, index) {
    th.classList.add('sort-head');
    th.addEventListener('click', function () {
      var numeric = th.getAttribute('data-sort') === 'num';
      var ascending = th.getAttribute('data-dir') !== 'asc';
      table.querySelectorAll('thead th').forEach(function (other) { other.removeAttribute('data-dir'); });
      th.setAttribute('data-dir', ascending ? 'asc' : 'desc');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[index].getAttribute('data-value') || '';
        var y = b.cells[index].getAttribute('data-value') || '';
        var cmp;
        if (numeric) {
          var nx = parseFloat(x), ny = parseFloat(y);
          // cells without data sort last either way
          if (isNaN(nx) || isNaN(ny)) { return isNaN(nx) ? (isNaN(ny) ? 0 : 1) : -1; }
          cmp = nx - ny;
        } else {
          cmp = x.localeCompare(y, 'zh-CN');
        }
        return ascending ? cmp : -cmp;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});

document.querySelectorAll('[data-print]').forEach(function (b) {
  b.addEventListener('click', function () { window.print(); });
});
