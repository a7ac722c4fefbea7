// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', function () {
  // Take keyboard and screen-reader users straight to the list of problems in a refused form.
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
});
