// Draws a scenario's steps and branches (trainer page) with ECharts: columns by distance from the start.
// echarts comes from its own (classic, deferred) script, which runs before this module.
const diagram = document.getElementById('scenario-diagram');
if (diagram && window.echarts) {
  draw(diagram);
}

function draw(el) {
  var graph = JSON.parse(el.getAttribute('data-graph'));
  var colors = { start: '#ff5000', step: '#4b6bfb', ending: '#15803d' };
  var rows = 1;
  graph.nodes.forEach(function (n) { rows = Math.max(rows, n.row + 1); });
  el.style.height = Math.max(260, rows * 90 + 60) + 'px';
  var chart = window.echarts.init(el);
  chart.setOption({
    tooltip: { formatter: function (p) { return p.dataType === 'edge' ? p.data.label.formatter : p.data.value + '(' + p.name + ')'; } },
    series: [{
      type: 'graph',
      layout: 'none',
      roam: true,
      edgeSymbol: ['none', 'arrow'],
      edgeSymbolSize: 8,
      label: { show: true, position: 'bottom', fontSize: 12 },
      edgeLabel: { show: true, fontSize: 10, color: '#6b7280' },
      lineStyle: { color: '#9ca3af', curveness: 0.15 },
      data: graph.nodes.map(function (n) {
        return {
          name: n.id, x: n.column * 240, y: n.row * 90, value: n.label,
          symbolSize: n.kind === 'ending' ? 22 : 30,
          symbol: n.kind === 'ending' ? 'roundRect' : 'circle',
          itemStyle: { color: colors[n.kind] || '#4b6bfb' },
          label: { formatter: n.label }
        };
      }),
      links: graph.edges.map(function (e) {
        return {
          source: e.from, target: e.to,
          label: { formatter: e.label },
          lineStyle: { type: e.fallback ? 'dashed' : 'solid' }
        };
      })
    }]
  });
  window.addEventListener('resize', function () { chart.resize(); });
  chart.on('click', function (p) {
    if (p.dataType === 'node') {
      var target = document.getElementById('step-' + p.name);
      if (target) { target.scrollIntoView({ behavior: 'smooth' }); }
    }
  });
}
