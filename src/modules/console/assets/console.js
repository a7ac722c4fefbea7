// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  /**
   * Search-as-you-type for a plain text field (ARIA 1.2 combobox with a listbox popup). The
   * field keeps working as typed text; the list only helps to find the code or name to type.
   * Markup: <div class="field picker" data-picker="/suggestions/parks"
   *   data-picker-with="park=f-parkId"> <label> <input> </div>.
   */
  function Picker(root, countText) {
    var input = root.querySelector('input');
    var listId = input.id + '-list';
    var list = document.createElement('ul');
    var status = document.createElement('span');
    var url = root.getAttribute('data-picker');
    var extra = (root.getAttribute('data-picker-with') || '').split(',').filter(Boolean);
    var active = -1;
    var asked = 0;
    var timer = null;
    var lastQuery = null;

    list.id = listId;
    list.className = 'picker-list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', (root.querySelector('label') || input).textContent.trim());
    list.hidden = true;
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    input.insertAdjacentElement('afterend', list);
    list.insertAdjacentElement('afterend', status);

    function options() {
      return Array.prototype.filter.call(list.querySelectorAll('[role="option"]'), function (o) {
        return o.getAttribute('aria-disabled') !== 'true';
      });
    }

    function open() {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function highlight(index) {
      var all = options();
      if (all.length === 0) return;
      active = (index + all.length) % all.length;
      all.forEach(function (option, i) {
        option.setAttribute('aria-selected', i === active ? 'true' : 'false');
      });
      input.setAttribute('aria-activedescendant', all[active].id);
      all[active].scrollIntoView({ block: 'nearest' });
    }

    function choose(option) {
      input.value = option.getAttribute('data-value');
      close();
      lastQuery = input.value;
      input.dispatchEvent(
        new CustomEvent('picker:chosen', { bubbles: true, detail: { dataset: option.dataset } }),
      );
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q === '') {
        close();
        list.innerHTML = '';
        lastQuery = q;
        return;
      }
      if (q === lastQuery && list.children.length > 0) {
        open();
        return;
      }
      lastQuery = q;
      var params = new URLSearchParams({ q: q });
      extra.forEach(function (pair) {
        var parts = pair.split('=');
        var field = document.getElementById(parts[1]);
        if (field) params.set(parts[0], field.value);
      });
      var ticket = ++asked;
      fetch(url + '?' + params.toString(), {
        headers: { accept: 'text/html' },
        credentials: 'same-origin',
      })
        .then(function (response) {
          // A session that ended sends the sign-in page instead: keep the plain field.
          if (!response.ok || response.redirected) throw new Error('no suggestions');
          return response.text();
        })
        .then(function (html) {
          if (ticket !== asked) return; // an answer to an older query
          list.innerHTML = html;
          options().forEach(function (option, i) {
            option.id = listId + '-' + i;
          });
          active = -1;
          status.textContent = countText.replace('{count}', String(options().length));
          if (document.activeElement === input) open();
        })
        .catch(close);
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });

    input.addEventListener('keydown', function (event) {
      var expanded = !list.hidden;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (!expanded) {
          fetchSuggestions();
          open();
        }
        highlight(active + (event.key === 'ArrowDown' ? 1 : -1));
      } else if (event.key === 'Enter' && expanded && active >= 0) {
        event.preventDefault(); // choose, do not submit the form
        choose(options()[active]);
      } else if (event.key === 'Escape' && expanded) {
        event.preventDefault();
        close();
      } else if (event.key === 'Tab') {
        close();
      }
    });

    // mousedown, not click: the field keeps focus, so blur does not close the list first.
    list.addEventListener('mousedown', function (event) {
      var option = event.target.closest('[role="option"]');
      event.preventDefault();
      if (option && option.getAttribute('aria-disabled') !== 'true') choose(option);
    });

    input.addEventListener('blur', close);
  }

  /**
   * The currency list follows the host park: when a park is chosen, its country's currency
   * moves to the top of the list, and on a new project it is chosen unless the user chose one.
   */
  function followHostCurrency(select) {
    var park = document.getElementById(select.getAttribute('data-host-currency-from'));
    var touched = select.value !== '' || select.getAttribute('data-preselect') !== 'true';
    select.addEventListener('change', function () {
      touched = true;
    });
    if (!park) return;
    park.addEventListener('picker:chosen', function (event) {
      var code = event.detail.dataset.currency;
      var option = code && select.querySelector('option[value="' + code + '"]');
      if (!option) return;
      var group = select.querySelector('optgroup');
      if (group) group.insertBefore(option, group.firstChild);
      if (!touched) select.value = code;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var countText = document.body.getAttribute('data-picker-count') || '{count}';
    document.querySelectorAll('.picker[data-picker]').forEach(function (root) {
      Picker(root, countText);
    });
    document.querySelectorAll('select[data-host-currency-from]').forEach(followHostCurrency);
    // Take keyboard and screen-reader users straight to the list of problems in a refused form.
    var summary = document.getElementById('error-summary');
    if (summary) summary.focus();
  });
})();
