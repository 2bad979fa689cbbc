/* dbperf dashboard: reads the actuator's dbperf, slowqueries, nplusone and querycache
   endpoints next to this page (relative URLs, so a management port or base path works). */
(function () {
	'use strict';

	var REFRESH_MS = 5000;
	var VIEWS = ['queries', 'nplusone', 'pools', 'cache', 'findings'];
	var COLUMNS = [
		{ key: 'sql', label: 'Statement', sortable: false },
		{ key: 'calls', label: 'Calls', num: true },
		{ key: 'totalMs', label: 'Total ms', num: true },
		{ key: 'meanMs', label: 'Mean ms', num: true },
		{ key: 'p95Ms', label: 'p95 ms', num: true },
		{ key: 'p99Ms', label: 'p99 ms', num: true },
		{ key: 'slowCalls', label: 'Slow calls', num: true }
	];
	var SEVERITIES = ['ERROR', 'WARN', 'INFO'];
	var KINDS = { N_PLUS_ONE: 'N+1', DUPLICATE: 'Duplicate' };
	var SEVERITY_WORDS = { ERROR: 'Error', WARN: 'Warning', INFO: 'Info' };
	var KEYWORDS = /\b(select|from|where|and|or|left outer join|left join|right join|inner join|cross join|join|on|group by|order by|having|limit|offset|fetch first|values|set|update|insert into|delete from|union all|union|returning|as|in|is|not|null|distinct|case|when|then|else|end|exists|between|like|asc|desc|with)\b/gi;
	var BREAK_BEFORE = /\s+\b(from|where|left outer join|left join|right join|inner join|cross join|join|group by|order by|having|limit|offset|fetch first|values|set|union all|union|returning)\b/gi;

	var state = {
		view: 'queries', paused: false, timer: null, sort: { key: 'totalMs', dir: 'descending' },
		queries: [], selected: null, charts: {}
	};

	function el(tag, attrs) {
		var node = document.createElement(tag);
		if (attrs) {
			Object.keys(attrs).forEach(function (name) {
				var value = attrs[name];
				if (value === null || value === undefined || value === false) {
					return;
				}
				if (name === 'text') {
					node.textContent = String(value);
				}
				else if (name === 'onclick') {
					node.addEventListener('click', value);
				}
				else {
					node.setAttribute(name, value === true ? '' : String(value));
				}
			});
		}
		for (var i = 2; i < arguments.length; i++) {
			append(node, arguments[i]);
		}
		return node;
	}

	function append(node, child) {
		if (child === null || child === undefined || child === false) {
			return;
		}
		if (Array.isArray(child)) {
			child.forEach(function (c) { append(node, c); });
		}
		else if (child instanceof Node) {
			node.appendChild(child);
		}
		else {
			node.appendChild(document.createTextNode(String(child)));
		}
	}

	function replace(node) {
		node.textContent = '';
		for (var i = 1; i < arguments.length; i++) {
			append(node, arguments[i]);
		}
	}

	var lastBodies = {};

	// True when the endpoint answered the same as last time for this view: nothing to redraw
	function unchanged(key, body) {
		var text = JSON.stringify(body);
		if (lastBodies[key] === text) {
			return true;
		}
		lastBodies[key] = text;
		return false;
	}

	function api(path) {
		return fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).then(function (response) {
			if (!response.ok) {
				var error = new Error(path + ' answered ' + response.status);
				error.status = response.status;
				throw error;
			}
			return response.json();
		});
	}

	function fmt(value, digits) {
		if (value === null || value === undefined || value === '') {
			return '–';
		}
		if (typeof value === 'number') {
			var d = (digits === undefined) ? (Number.isInteger(value) ? 0 : (Math.abs(value) < 10 ? 3 : 1)) : digits;
			return value.toLocaleString(undefined, { maximumFractionDigits: d, minimumFractionDigits: 0 });
		}
		return String(value);
	}

	function time(value) {
		if (!value) {
			return '–';
		}
		var date = new Date(value);
		return isNaN(date) ? String(value) : date.toLocaleTimeString();
	}

	function formatSql(sql) {
		return String(sql || '').replace(BREAK_BEFORE, function (match, keyword) {
			return '\n' + keyword;
		}).replace(/,\s*/g, ', ');
	}

	function sqlBlock(sql) {
		var pre = el('pre', { 'class': 'sql' });
		var text = formatSql(sql);
		var last = 0;
		text.replace(KEYWORDS, function (match, keyword, offset) {
			append(pre, text.slice(last, offset));
			append(pre, el('span', { 'class': 'kw', text: match }));
			last = offset + match.length;
			return match;
		});
		append(pre, text.slice(last));
		return pre;
	}

	function short(text, max) {
		var value = String(text || '');
		return value.length > max ? value.slice(0, max - 1) + '…' : value;
	}

	function empty(message) {
		return el('p', { 'class': 'empty', text: message });
	}

	function failure(error) {
		return el('p', { 'class': 'empty', role: 'alert', text: 'Could not read the endpoint: ' + (error && error.message ? error.message : error) });
	}

	function table(headers, rows, caption) {
		return el('div', { 'class': 'table-wrap' }, el('table', { 'class': 'data' },
			caption ? el('caption', { 'class': 'sr-only', text: caption }) : null,
			el('thead', null, el('tr', null, headers.map(function (h) {
				return el('th', { scope: 'col', 'class': h.num ? 'num' : null, text: h.label });
			}))),
			el('tbody', null, rows.map(function (cells) {
				return el('tr', null, cells.map(function (cell, i) {
					return el('td', { 'class': headers[i].num ? 'num' : null }, cell);
				}));
			}))));
	}

	function badge(severity) {
		var key = String(severity || 'INFO').toUpperCase();
		return el('span', { 'class': 'badge', text: SEVERITY_WORDS[key] || key });
	}

	// Queries ---------------------------------------------------------------

	function loadQueries() {
		return api('../slowqueries?limit=100').then(function (body) {
			if (!unchanged('queries', body.queries)) {
				state.queries = Array.isArray(body.queries) ? body.queries : [];
				renderQueries();
			}
			if (state.selected) {
				return loadDetail(state.selected, false);
			}
		});
	}

	function sortedQueries() {
		var key = state.sort.key;
		var sign = state.sort.dir === 'ascending' ? 1 : -1;
		return state.queries.slice().sort(function (a, b) {
			return sign * ((Number(a[key]) || 0) - (Number(b[key]) || 0));
		});
	}

	function renderQueries() {
		var tableNode = document.getElementById('queries-table');
		var headRow = tableNode.querySelector('thead tr');
		replace(headRow, COLUMNS.map(function (column) {
			var sorted = state.sort.key === column.key;
			var th = el('th', {
				scope: 'col', 'class': column.num ? 'num' : 'sql-col',
				'aria-sort': column.sortable === false ? null : (sorted ? state.sort.dir : 'none')
			});
			if (column.sortable === false) {
				th.textContent = column.label;
			}
			else {
				append(th, el('button', {
					type: 'button', 'class': 'sort', 'data-sort': column.key, text: column.label,
					onclick: function () {
						state.sort = { key: column.key, dir: (sorted && state.sort.dir === 'descending') ? 'ascending' : 'descending' };
						renderQueries();
						var again = document.querySelector('button.sort[data-sort="' + column.key + '"]');
						if (again) {
							again.focus();
						}
					}
				}));
			}
			return th;
		}));
		var body = tableNode.querySelector('tbody');
		var focused = document.activeElement && document.activeElement.closest
			? document.activeElement.closest('tr[data-fingerprint]') : null;
		var focusedId = focused && body.contains(focused) ? focused.getAttribute('data-fingerprint') : null;
		var rows = sortedQueries();
		if (!rows.length) {
			replace(body, el('tr', null, el('td', { colspan: COLUMNS.length, 'class': 'empty', text: 'No statements yet: use the application, then refresh.' })));
			return;
		}
		replace(body, rows.map(function (query) {
			return el('tr', { 'data-fingerprint': query.id, 'class': query.id === state.selected ? 'selected' : null },
				el('td', null, el('button', {
					type: 'button', 'class': 'sql-link', title: 'Show details of ' + query.id,
					'aria-expanded': query.id === state.selected ? 'true' : 'false',
					text: short(query.sql, 160), onclick: function () { openDetail(query.id); }
				}), el('div', { 'class': 'legend-note', text: [query.operation, query.dataSource].filter(Boolean).join(' · ') })),
				COLUMNS.slice(1).map(function (column) {
					return el('td', { 'class': 'num', 'data-label': column.label, text: fmt(query[column.key]) });
				}));
		}));
		// A refresh must not take the keyboard focus away from the row it was on
		if (focusedId) {
			var again = body.querySelector('tr[data-fingerprint="' + focusedId + '"] button');
			if (again) {
				again.focus();
			}
		}
	}

	function openDetail(id) {
		state.selected = id;
		renderQueries();
		loadDetail(id, true).catch(function (error) {
			replace(document.getElementById('query-detail'), failure(error));
		});
	}

	function closeDetail() {
		var id = state.selected;
		state.selected = null;
		document.getElementById('query-detail').hidden = true;
		renderQueries();
		var row = document.querySelector('tr[data-fingerprint="' + id + '"] button');
		if (row) {
			row.focus();
		}
	}

	function loadDetail(id, focus) {
		return api('../slowqueries/' + encodeURIComponent(id)).then(function (entry) {
			renderDetail(entry, focus);
			return api('../slowqueries/' + encodeURIComponent(id) + '/plan').then(renderPlan, function () {
				var plan = document.getElementById('query-plan');
				if (plan) {
					plan.hidden = true;
				}
			});
		}, function (error) {
			if (error.status === 404) {
				state.selected = null;
				document.getElementById('query-detail').hidden = true;
				return;
			}
			throw error;
		});
	}

	function renderDetail(entry, focus) {
		var detail = document.getElementById('query-detail');
		var stats = [['Calls', entry.calls], ['Errors', entry.errors], ['Total ms', entry.totalMs], ['Mean ms', entry.meanMs],
			['Min ms', entry.minMs], ['p50 ms', entry.p50Ms], ['p95 ms', entry.p95Ms], ['p99 ms', entry.p99Ms],
			['Max ms', entry.maxMs], ['Slow calls', entry.slowCalls], ['Rows', entry.rows]];
		var heading = el('h3', { tabindex: '-1', id: 'detail-heading', text: 'Fingerprint ' + entry.id });
		replace(detail,
			el('div', { 'class': 'detail-head' }, heading,
				el('span', { 'class': 'legend-note', text: [entry.operation, entry.dataSource, 'last ' + time(entry.lastSeen)].filter(Boolean).join(' · ') }),
				el('button', { type: 'button', onclick: closeDetail, text: 'Close details' })),
			sqlBlock(entry.sql),
			el('dl', { 'class': 'stats' }, stats.map(function (pair) {
				return el('div', null, el('dt', { text: pair[0] }), el('dd', { text: fmt(pair[1]) }));
			})),
			el('h4', { text: 'Latency histogram' }),
			histogram(entry.histogram),
			el('h4', { text: 'Call sites' }),
			list((entry.callSites || []).map(function (site) { return site.frame + ' (' + fmt(site.samples) + ' sampled)'; }), 'No call site sampled.'),
			el('h4', { text: 'Repository methods and units of work' }),
			list(entry.repositoryMethods || [], 'None recorded.'),
			entry.slowestSample ? [el('h4', { text: 'Slowest execution' }), el('p', {
				text: fmt(entry.slowestSample.durationMs) + ' ms at ' + time(entry.slowestSample.at)
					+ (entry.slowestSample.unitOfWork ? ' in ' + entry.slowestSample.unitOfWork : '')
					+ (entry.slowestSample.callSite ? ' from ' + entry.slowestSample.callSite : '')
			})] : null,
			el('div', { id: 'query-plan', hidden: true }));
		detail.hidden = false;
		if (focus) {
			heading.focus();
		}
	}

	function histogram(buckets) {
		if (!Array.isArray(buckets) || !buckets.length) {
			return empty('No executions recorded.');
		}
		var max = Math.max.apply(null, buckets.map(function (b) { return b.count || 0; })) || 1;
		return el('div', { 'class': 'hist', role: 'table', 'aria-label': 'Executions per latency bucket' },
			buckets.map(function (bucket) {
				var pct = Math.round((bucket.count || 0) / max * 100);
				return [
					el('span', { 'class': 'label', role: 'cell', text: '≤ ' + fmt(bucket.toMs) + ' ms' }),
					el('span', { role: 'cell' }, el('span', { 'class': 'bar', style: 'width:' + Math.max(pct, bucket.count ? 1 : 0) + '%', 'aria-hidden': 'true' })),
					el('span', { 'class': 'count', role: 'cell', text: fmt(bucket.count) })
				];
			}));
	}

	function list(items, none) {
		if (!items.length) {
			return empty(none);
		}
		return el('ul', { 'class': 'plain' }, items.map(function (item) { return el('li', { text: item }); }));
	}

	function renderPlan(body) {
		var plan = document.getElementById('query-plan');
		if (!plan || !body) {
			return;
		}
		var findings = Array.isArray(body.findings) ? body.findings : [];
		replace(plan, el('h4', { text: 'Plan' }),
			body.summary ? el('p', { text: typeof body.summary === 'string' ? body.summary : JSON.stringify(body.summary) }) : null,
			body.plan ? el('pre', { 'class': 'sql', text: typeof body.plan === 'string' ? body.plan : JSON.stringify(body.plan, null, 2) }) : null,
			findings.length ? [el('h4', { text: 'Suggestions' }), findings.map(renderFinding)] : null);
		plan.hidden = false;
	}

	// N+1 --------------------------------------------------------------------

	function loadNPlusOne() {
		return api('../nplusone').then(function (body) {
			if (unchanged('nplusone', body)) {
				return;
			}
			var incidents = Array.isArray(body.incidents) ? body.incidents : [];
			var target = document.getElementById('nplusone-body');
			if (!incidents.length) {
				replace(target, empty('No N+1 or duplicate statements detected (mode ' + fmt(body.mode) + ', threshold ' + fmt(body.threshold) + ').'));
				return;
			}
			var units = {};
			incidents.forEach(function (incident) {
				var unit = incident.unitOfWork || 'unknown unit of work';
				(units[unit] = units[unit] || []).push(incident);
			});
			replace(target, el('p', { 'class': 'hint', text: incidents.length + ' incident(s) in ' + Object.keys(units).length
				+ ' unit(s) of work. Mode ' + fmt(body.mode) + ', a select repeated ' + fmt(body.threshold) + ' times makes an incident.' }),
			Object.keys(units).map(function (unit) {
				return el('div', { 'class': 'panel' }, el('h3', { text: unit }), units[unit].map(function (incident) {
					var kind = KINDS[incident.kind] || String(incident.kind || 'incident').replace(/_/g, ' ').toLowerCase();
					return el('div', { 'class': 'incident' },
						el('p', null, el('span', { 'class': 'badge', text: kind || 'incident' }), ' ',
							el('strong', { text: incident.association || 'Repeated statement' }),
							incident.fetchType ? ' (' + incident.fetchType + ')' : '',
							' — up to ' + fmt(incident.maxRepeats) + ' runs in one unit, seen ' + fmt(incident.occurrences) + ' time(s)'),
						el('dl', { 'class': 'facts' },
							el('dt', { text: 'Call site' }), el('dd', null, el('code', { text: incident.callSite || '–' })),
							el('dt', { text: 'Last seen' }), el('dd', { text: time(incident.lastSeen) }),
							el('dt', { text: 'Fingerprint' }), el('dd', null, el('code', { text: incident.fingerprint || '–' }))),
						el('p', null, el('strong', { text: 'Fix: ' }), incident.suggestion || '–'),
						sqlBlock(incident.sql));
				}));
			}));
		});
	}

	// Pools ------------------------------------------------------------------

	var dbperfBody = null;

	function loadDbperf() {
		return api('../dbperf').then(function (body) {
			dbperfBody = body;
			return body;
		});
	}

	function loadPools() {
		return loadDbperf().then(function (body) {
			var pools = Array.isArray(body.pools) ? body.pools : [];
			var history = body.history || {};
			var target = document.getElementById('pools-body');
			if (!pools.length) {
				replace(target, empty('No DataSource found.'));
				return;
			}
			pools.forEach(function (pool) {
				var id = 'pool-' + pool.name.replace(/[^A-Za-z0-9_-]/g, '_');
				var section = document.getElementById(id);
				if (!section) {
					section = el('div', { 'class': 'panel', id: id });
					target.appendChild(section);
					Array.prototype.slice.call(target.querySelectorAll('p.empty')).forEach(function (p) { p.remove(); });
				}
				renderPool(section, pool, history[pool.name]);
			});
		});
	}

	function renderPool(section, pool, series) {
		var s = pool.state || {};
		var chartId = section.id + '-chart';
		var holder = section.querySelector('.chart');
		if (!holder) {
			replace(section, el('h3', { text: pool.name }), el('p', { 'class': 'legend-note', 'data-role': 'type' }),
				el('div', { 'class': 'cards', 'data-role': 'cards' }),
				el('h4', { text: 'Active, idle and pending over time' }),
				el('div', { 'class': 'chart', id: chartId, role: 'img' }),
				el('div', { 'data-role': 'events' }));
			holder = section.querySelector('.chart');
		}
		section.querySelector('[data-role=type]').textContent = pool.type + (pool.captured ? ' · statements captured' : ' · not captured');
		replace(section.querySelector('[data-role=cards]'), [['Active', s.active], ['Idle', s.idle], ['Pending', s.pending], ['Total', s.total],
			['Max', s.max], ['Starvations', pool.starvationCount]].map(function (pair) {
			return el('div', { 'class': 'card' }, el('div', { 'class': 'k', text: pair[0] }), el('div', { 'class': 'v', text: fmt(pair[1]) }));
		}));
		var points = series && series.at ? series.at.length : 0;
		holder.setAttribute('data-points', String(points));
		holder.setAttribute('aria-label', 'Chart of ' + points + ' samples of active, idle and pending connections of ' + pool.name
			+ (points ? ': now ' + s.active + ' active, ' + s.idle + ' idle, ' + s.pending + ' pending' : ''));
		drawChart(holder, pool.name, series);
		var starvations = Array.isArray(pool.starvations) ? pool.starvations : [];
		var longHolds = Array.isArray(pool.longHolds) ? pool.longHolds : [];
		replace(section.querySelector('[data-role=events]'),
			el('h4', { text: 'Starvation events' }),
			starvations.length ? table([{ label: 'When' }, { label: 'Thread' }, { label: 'Waited ms', num: true }, { label: 'Outcome' }, { label: 'Held by' }],
				starvations.map(function (event) {
					return [time(event.at), event.thread, fmt(event.waitedMs), event.failed ? 'Failed' : 'Got a connection',
						list((event.holders || []).map(holderText), 'Unknown')];
				}), 'Starvation events') : empty('No caller waited longer than the starvation threshold.'),
			el('h4', { text: 'Connections held long' }),
			longHolds.length ? list(longHolds.map(holderText), '') : empty('No connection is held longer than the long-hold threshold.'));
	}

	function holderText(holder) {
		return (holder.unitOfWork || holder.thread || 'unknown') + ' held it ' + fmt(holder.heldForMs) + ' ms'
			+ (holder.callSite ? ' at ' + holder.callSite : '') + (holder.thread && holder.unitOfWork ? ' (thread ' + holder.thread + ')' : '');
	}

	function drawChart(holder, name, series) {
		if (typeof window.uPlot !== 'function') {
			replace(holder, empty('Charts need uPlot (org.webjars.npm:uplot) on the class path.'));
			return;
		}
		var at = (series && series.at) ? series.at.map(function (ms) { return ms / 1000; }) : [];
		var data = [at, series ? series.active || [] : [], series ? series.idle || [] : [], series ? series.pending || [] : []];
		var chart = state.charts[name];
		var width = Math.max(260, holder.clientWidth || 600);
		if (chart && chart.root.parentNode === holder) {
			chart.setData(data);
			if (Math.abs(chart.width - width) > 4) {
				chart.setSize({ width: width, height: 220 });
			}
			return;
		}
		holder.textContent = '';
		state.charts[name] = new window.uPlot({
			width: width, height: 220,
			scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(4, max + 1)]; } } },
			series: [{},
				{ label: 'Active', stroke: '#1f5fbf', width: 2 },
				{ label: 'Idle', stroke: '#2f6f4f', width: 2, dash: [6, 4] },
				{ label: 'Pending', stroke: '#b3261e', width: 2, dash: [2, 3] }],
			axes: [{}, { label: 'connections' }]
		}, data, holder);
	}

	// Cache ------------------------------------------------------------------

	function loadCache() {
		var target = document.getElementById('cache-body');
		return api('../querycache').then(function (body) {
			if (unchanged('cache', body)) {
				return;
			}
			var caches = Array.isArray(body.caches) ? body.caches : [];
			var redis = body.redis;
			replace(target,
				el('div', { 'class': 'cards' },
					el('div', { 'class': 'card' }, el('div', { 'class': 'k', text: 'Tier' }), el('div', { 'class': 'v', text: fmt(body.tier) })),
					redis ? [
						el('div', { 'class': 'card' }, el('div', { 'class': 'k', text: 'Redis breaker' }),
							el('div', { 'class': 'v' + (redis.state && redis.state !== 'CLOSED' ? ' state-open' : ''), text: String(redis.state || '–').replace('_', ' ') })),
						el('div', { 'class': 'card' }, el('div', { 'class': 'k', text: 'Redis errors' }), el('div', { 'class': 'v', text: fmt(redis.errors) })),
						el('div', { 'class': 'card' }, el('div', { 'class': 'k', text: 'Skipped (breaker open)' }), el('div', { 'class': 'v', text: fmt(redis.skipped) }))
					] : el('div', { 'class': 'card' }, el('div', { 'class': 'k', text: 'Redis breaker' }), el('div', { 'class': 'v', text: 'no Redis' }))),
				caches.length ? table([{ label: 'Cache' }, { label: 'Hits', num: true }, { label: 'Misses', num: true }, { label: 'Hit ratio', num: true },
					{ label: 'Evictions', num: true }, { label: 'Loads', num: true }, { label: 'Mean load ms', num: true }, { label: 'TTL' }],
				caches.map(function (cache) {
					return [el('span', null, el('strong', { text: cache.name }), el('div', { 'class': 'legend-note', text: cache.method || '' })),
						fmt(cache.hits), fmt(cache.misses), (typeof cache.hitRatio === 'number') ? fmt(cache.hitRatio * 100, 1) + ' %' : '–',
						fmt(cache.evictions), fmt(cache.loads), fmt(cache.meanLoadMs), fmt(cache.ttl)];
				}), 'Caches') : empty('No @CachedQuery method has run yet.'));
		}, function (error) {
			if (error.status === 404) {
				replace(target, empty('The querycache endpoint is not exposed, or no @CachedQuery cache is configured.'));
				return;
			}
			throw error;
		});
	}

	// Findings ---------------------------------------------------------------

	function loadFindings() {
		return loadDbperf().then(function (body) {
			if (unchanged('findings', body.findings)) {
				return;
			}
			var findings = Array.isArray(body.findings) ? body.findings : [];
			var target = document.getElementById('findings-body');
			if (!findings.length) {
				replace(target, empty('No findings.'));
				return;
			}
			var groups = {};
			findings.forEach(function (finding) {
				var severity = String(finding.severity || 'INFO').toUpperCase();
				(groups[severity] = groups[severity] || []).push(finding);
			});
			var order = SEVERITIES.concat(Object.keys(groups).filter(function (s) { return SEVERITIES.indexOf(s) < 0; }));
			replace(target, order.filter(function (s) { return groups[s]; }).map(function (severity) {
				return el('section', { 'class': 'sev-' + severity.toLowerCase(), 'aria-label': (SEVERITY_WORDS[severity] || severity) + ' findings' },
					el('h3', { text: (SEVERITY_WORDS[severity] || severity) + ' (' + groups[severity].length + ')' }),
					groups[severity].map(renderFinding));
			}));
		});
	}

	function renderFinding(finding) {
		var severity = String(finding.severity || 'INFO').toUpperCase();
		var details = [];
		function add(label, value) {
			if (value !== null && value !== undefined && value !== '') {
				details.push(el('dt', { text: label }), el('dd', null, value));
			}
		}
		add('Rule', finding.rule && typeof finding.rule === 'object' ? (finding.rule.id || JSON.stringify(finding.rule)) : finding.rule);
		add('Setting', finding.setting);
		if (finding.where && typeof finding.where === 'object') {
			Object.keys(finding.where).forEach(function (key) {
				var value = finding.where[key];
				if (value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && !value.length)) {
					add(key, Array.isArray(value) ? value.join(', ') : (typeof value === 'object' ? JSON.stringify(value) : String(value)));
				}
			});
		}
		else {
			add('Where', finding.where);
		}
		add('Count', finding.count);
		if (finding.docs) {
			var href = String(finding.docs);
			add('Docs', /^(https?:|\/|\.|#)/.test(href) || !/^[a-z]+:/i.test(href) ? el('a', { href: href, text: href }) : href);
		}
		return el('article', { 'class': 'finding sev-' + severity.toLowerCase() },
			el('p', null, badge(severity), ' ', el('strong', { text: finding.title || finding.message || '' })),
			finding.title && finding.message ? el('p', { text: finding.message }) : null,
			finding.fix ? el('p', null, el('strong', { text: 'Fix: ' }), String(finding.fix)) : null,
			details.length ? el('dl', null, details) : null);
	}

	// Shell ------------------------------------------------------------------

	var loaders = { queries: loadQueries, nplusone: loadNPlusOne, pools: loadPools, cache: loadCache, findings: loadFindings };

	function refresh() {
		var status = document.getElementById('status');
		var view = state.view;
		var target = document.getElementById('view-' + view);
		target.setAttribute('aria-busy', 'true');
		return loaders[view]().then(function () {
			status.textContent = (state.paused ? 'Paused · ' : '') + 'Updated ' + new Date().toLocaleTimeString();
			document.body.setAttribute('data-loaded-' + view, String(Date.now()));
		}, function (error) {
			status.textContent = 'Refresh failed: ' + (error && error.message ? error.message : error);
		}).then(function () {
			target.removeAttribute('aria-busy');
		});
	}

	function schedule() {
		clearTimeout(state.timer);
		if (!state.paused) {
			state.timer = setTimeout(function () {
				refresh().then(schedule);
			}, REFRESH_MS);
		}
	}

	function show(view) {
		state.view = VIEWS.indexOf(view) >= 0 ? view : 'queries';
		VIEWS.forEach(function (name) {
			document.getElementById('view-' + name).hidden = name !== state.view;
			var link = document.querySelector('a[data-view="' + name + '"]');
			if (name === state.view) {
				link.setAttribute('aria-current', 'page');
			}
			else {
				link.removeAttribute('aria-current');
			}
		});
		document.title = 'dbperf · ' + document.querySelector('a[data-view="' + state.view + '"]').textContent;
		refresh().then(schedule);
	}

	document.getElementById('pause').addEventListener('click', function (event) {
		state.paused = !state.paused;
		event.currentTarget.setAttribute('aria-pressed', String(state.paused));
		event.currentTarget.textContent = state.paused ? 'Resume refresh' : 'Pause refresh';
		document.getElementById('status').textContent = state.paused ? 'Paused' : 'Refreshing every ' + REFRESH_MS / 1000 + ' s';
		schedule();
	});
	document.getElementById('reload').addEventListener('click', function () {
		refresh().then(schedule);
	});
	window.addEventListener('hashchange', function () {
		show(location.hash.slice(1));
	});
	window.addEventListener('resize', function () {
		Object.keys(state.charts).forEach(function (name) {
			var chart = state.charts[name];
			var width = chart.root.parentNode ? chart.root.parentNode.clientWidth : 0;
			if (width && Math.abs(chart.width - width) > 4) {
				chart.setSize({ width: Math.max(260, width), height: 220 });
			}
		});
	});
	show(location.hash.slice(1));
})();
