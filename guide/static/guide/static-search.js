/* Offline search for the exported Fächer (manage.py export_faecher).
 *
 * Loaded only by the export's search page, after suchindex.js has set window.FAECHER_INDEX
 * (a script, not JSON: pages opened from file:// may not fetch files). Reads ?q= from the
 * address, folds words exactly like search_words() in guide/export.py, matches them as
 * prefixes of the cards' words and ranks cards by how many query words they match, cards
 * whose title matches first. Plain ES5 plus String.prototype.normalize; no libraries.
 */
(function () {
  "use strict";

  var index = window.FAECHER_INDEX;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!index || !status || !list) {
    return;
  }
  var root = list.getAttribute("data-root") || "";

  function words(text) {
    var folded = String(text)
      .toLowerCase()
      .replace(/\u00df/g, "ss")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[:*_](?=in(?:nen)?\b)/g, "")
      .replace(/[\-\u00ad\u2010\u2011]/g, "");
    return folded.match(/[a-z0-9]+/g) || [];
  }

  function startsWithAny(candidates, prefix) {
    for (var i = 0; i < candidates.length; i++) {
      if (candidates[i].lastIndexOf(prefix, 0) === 0) {
        return true;
      }
    }
    return false;
  }

  function queryFromAddress() {
    var pairs = window.location.search.replace(/^\?/, "").split("&");
    for (var i = 0; i < pairs.length; i++) {
      var pair = pairs[i].split("=");
      if (pair[0] === "q" && pair.length > 1) {
        try {
          return decodeURIComponent(pair.slice(1).join("=").replace(/\+/g, " "));
        } catch (error) {
          return "";
        }
      }
    }
    return "";
  }

  var stopwords = {};
  index.stopwords.forEach(function (word) {
    stopwords[word] = true;
  });
  var cards = index.cards.map(function (card, position) {
    return {
      card: card,
      position: position,
      titleWords: words(card.title),
    };
  });

  function queryTerms(query) {
    var terms = [];
    words(query).forEach(function (word) {
      if (word.length > 1 && !stopwords[word] && terms.indexOf(word) === -1) {
        terms.push(word);
      }
    });
    return terms;
  }

  function search(terms) {
    var hits = [];
    cards.forEach(function (entry) {
      var matched = 0;
      var inTitle = 0;
      terms.forEach(function (term) {
        if (startsWithAny(entry.card.words, term)) {
          matched += 1;
        }
        if (startsWithAny(entry.titleWords, term)) {
          inTitle += 1;
        }
      });
      if (matched > 0) {
        hits.push({ entry: entry, matched: matched, inTitle: inTitle });
      }
    });
    hits.sort(function (a, b) {
      return (
        b.matched - a.matched || b.inTitle - a.inTitle || a.entry.position - b.entry.position
      );
    });
    return hits;
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.appendChild(document.createTextNode(text));
    }
    return node;
  }

  function showHits(hits, termCount) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    hits.forEach(function (hit) {
      var card = hit.entry.card;
      var link = element("a");
      link.href = root + card.url;
      link.appendChild(element("span", "num", String(card.number)));
      link.appendChild(document.createTextNode(" " + card.title));
      var heading = element("h2");
      heading.appendChild(link);
      var item = element("li");
      item.appendChild(heading);
      if (termCount > 1) {
        item.appendChild(
          element("p", "hint", hit.matched + " von " + termCount + " Suchwörtern kommen vor.")
        );
      }
      list.appendChild(item);
    });
    list.hidden = hits.length === 0;
  }

  function run(query) {
    var quoted = "\u201e" + query + "\u201c";
    var terms = queryTerms(query);
    if (!terms.length) {
      status.textContent =
        quoted + " enthält nur sehr allgemeine Wörter. Versucht es mit einem genaueren Begriff.";
      showHits([], 0);
      return;
    }
    var hits = search(terms);
    if (hits.length) {
      status.textContent =
        hits.length +
        (hits.length === 1 ? " Karte passt" : " Karten passen") +
        " zu " +
        quoted +
        ", die passendsten zuerst.";
    } else {
      status.textContent = "Zu " + quoted + " haben wir keine Karte gefunden.";
    }
    showHits(hits, terms.length);
  }

  var query = queryFromAddress();
  ["q", "header-q", "header-q-phone"].forEach(function (id) {
    var field = document.getElementById(id);
    if (field) {
      field.value = query;
    }
  });
  if (query.replace(/\s+/g, "")) {
    document.title = "Suche: " + query + " \u00b7 Gemeinwerk";
    run(query);
  }
})();
