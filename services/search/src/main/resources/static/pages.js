// Enhancements only: every page works without this script. Values from the index are page
// content from government sites: they are only ever set as text or as a property, never as HTML.
(() => {
  const box = document.getElementById('q');
  const list = document.getElementById('suggestions');
  if (box && list) {
    let timer = null;
    let asked = '';
    box.addEventListener('input', () => {
      clearTimeout(timer);
      const typed = box.value.trim();
      if (typed.length < 2 || typed === asked) return;
      timer = setTimeout(async () => {
        asked = typed;
        try {
          const response = await fetch('/api/suggest?' + new URLSearchParams({ q: typed, size: 5 }));
          if (!response.ok) return;
          const found = await response.json();
          const values = [...found.titles.map((t) => t.title), ...found.issuers, ...found.sessions];
          list.replaceChildren(...values.map((value) => {
            const option = document.createElement('option');
            option.value = value;
            return option;
          }));
        } catch (error) {
          // Suggestions are a help, not a need: the search itself still works.
        }
      }, 200);
    });
  }

  for (const button of document.querySelectorAll('button.copy')) {
    const source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      await navigator.clipboard.writeText(source.textContent.trim());
      button.textContent = button.dataset.copied;
    });
  }
})();
