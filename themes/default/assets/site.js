/* The A+ / A− text size control.  Loaded in <head> so the saved size is
 * applied before the page is drawn; the control itself stays hidden when
 * JavaScript is off, since it could do nothing then.  The class "js" on
 * <html>, set here before anything is drawn, lets the stylesheet show the
 * control from the first paint: showing it later would push the page
 * down (a layout shift).  For the same reason the state's names are two
 * characters each, as wide as the page's "标准". */
(function () {
	'use strict';
	var KEY = 'gongshi-text-size';
	var CLASSES = ['', 'fs-1', 'fs-2'];
	var NAMES = ['标准', '大字', '特大'];
	var root = document.documentElement;

	root.classList.add('js');

	function load() {
		try {
			var v = parseInt(window.localStorage.getItem(KEY), 10);
			return v >= 0 && v < CLASSES.length ? v : 0;
		} catch (e) {
			return 0;
		}
	}

	function save(level) {
		try {
			window.localStorage.setItem(KEY, String(level));
		} catch (e) {
			/* private browsing: the size lasts for this page only */
		}
	}

	function apply(level) {
		for (var i = 1; i < CLASSES.length; i++)
			root.classList.remove(CLASSES[i]);
		if (CLASSES[level])
			root.classList.add(CLASSES[level]);
	}

	var level = load();
	apply(level);

	function setup() {
		var box = document.querySelector('[data-textsize]');
		if (!box)
			return;
		var down = box.querySelector('[data-size="down"]');
		var up = box.querySelector('[data-size="up"]');
		var state = box.querySelector('[data-size-state]');

		function show() {
			down.setAttribute('aria-disabled', level === 0 ? 'true' : 'false');
			up.setAttribute('aria-disabled', level === CLASSES.length - 1 ? 'true' : 'false');
			state.textContent = NAMES[level];
			if (level === CLASSES.length - 1) {
				var more = document.createElement('span');
				more.className = 'visually-hidden';
				more.textContent = '（长者模式）';
				state.appendChild(more);
			}
		}
		function change(step) {
			var next = level + step;
			if (next < 0 || next >= CLASSES.length)
				return;
			level = next;
			apply(level);
			save(level);
			show();
		}
		down.addEventListener('click', function () { change(-1); });
		up.addEventListener('click', function () { change(1); });
		show();
		box.hidden = false;
	}

	if (document.readyState === 'loading')
		document.addEventListener('DOMContentLoaded', setup);
	else
		setup();
}());
