/* Filters the community list by name, subdistrict, area and progress.
 * Without JavaScript the form stays hidden and the full list shows.  On
 * a list of many pages it filters the page shown; a select with one
 * choice is left out of the page, so each may be missing.  A row's
 * data-status holds its status words, space-separated: with progress
 * facts its status and "overdue" when late (docs/templates.md), else the
 * phase id; a choice matches any one of them. */
(function () {
	'use strict';
	var form = document.querySelector('[data-filter]');
	if (!form)
		return;
	var text = form.elements.text;
	var none = { value: '', options: [] };
	var sd = form.elements.subdistrict || none;
	var area = form.elements.area || none;
	var status = form.elements.status || none;
	var count = form.querySelector('[data-filter-count]');
	var empty = document.querySelector('[data-filter-empty]');
	var rows = document.querySelectorAll('tr[data-area]');
	var areas = document.querySelectorAll('[data-group="area"]');
	var subdistricts = document.querySelectorAll('[data-group="subdistrict"]');

	function hasWord(list, word) {
		return (' ' + (list || '') + ' ').indexOf(' ' + word + ' ') >= 0;
	}

	function visibleRows(group) {
		return group.querySelectorAll('tr[data-area]:not([hidden])').length;
	}

	function run() {
		var q = text.value.replace(/\s+/g, '');
		var shown = 0;

		/* An area of another subdistrict cannot match: offer only the
		 * chosen subdistrict's areas. */
		for (var i = 0; i < area.options.length; i++) {
			var o = area.options[i];
			var other = sd.value && o.value && o.getAttribute('data-subdistrict') !== sd.value;
			o.hidden = !!other;
			o.disabled = !!other;
			if (other && o.selected)
				area.value = '';
		}
		for (i = 0; i < rows.length; i++) {
			var r = rows[i];
			var ok = (!sd.value || r.getAttribute('data-subdistrict') === sd.value) &&
				(!area.value || r.getAttribute('data-area') === area.value) &&
				(!status.value || hasWord(r.getAttribute('data-status'), status.value)) &&
				(!q || r.getAttribute('data-text').replace(/\s+/g, '').indexOf(q) >= 0);
			r.hidden = !ok;
			if (ok)
				shown++;
		}
		for (i = 0; i < areas.length; i++)
			areas[i].hidden = visibleRows(areas[i]) === 0;
		for (i = 0; i < subdistricts.length; i++)
			subdistricts[i].hidden = visibleRows(subdistricts[i]) === 0;
		count.textContent = '显示 ' + shown + ' 个小区，共 ' + rows.length + ' 个';
		empty.hidden = shown !== 0;
	}

	form.addEventListener('input', run);
	form.addEventListener('change', run);
	form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
	form.addEventListener('reset', function () { window.setTimeout(run, 0); });
	form.hidden = false;
	run();
}());
