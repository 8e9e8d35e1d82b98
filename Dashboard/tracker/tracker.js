// The page tracker a site embeds with one tag:
//   <script defer src="https://grid.example.com/tracker.js" data-site="shop.example.com"></script>
// It must stay under 2 KB minified (the build enforces it), so it is written plainly, in ES2017.
(function (win, doc, nav) {
  var script = doc.currentScript;
  // Loaded twice (two tags, or a tag plus a tag manager): the first copy already tracks.
  if (!script || (win.analytics && win.analytics.grid)) return;

  var api = {
    grid: 1,
    // Events handed to the network so far: a signal for checks that nothing (more) was sent.
    sent: 0,
    track: function (name, props) {
      send('custom', Object.assign({}, props, { name: String(name) }));
    },
    conversion: function (value, props) {
      send('conversion', props, +value);
    },
  };
  win.analytics = api;

  // Do Not Track and Global Privacy Control: the functions stay so the site's own code keeps working,
  // but nothing is stored and nothing leaves the browser.
  if (nav.doNotTrack == '1' || win.doNotTrack == '1' || nav.globalPrivacyControl) {
    api.track = api.conversion = function () {};
    return;
  }

  var site = script.getAttribute('data-site') || location.hostname;
  var endpoint = script.getAttribute('data-api') || new URL('/api/events', script.src).href;
  // Cookieless: nothing is stored and no visitor is sent; the grid derives one (Visitors:Cookieless must be on).
  var visitor = script.hasAttribute('data-cookieless') ? undefined : visitorId();
  var lastPage;

  function randomId() {
    var c = win.crypto;
    if (c && c.randomUUID) return c.randomUUID();
    // randomUUID needs a secure context; getRandomValues does not.
    return Array.from(c.getRandomValues(new Uint8Array(16)), function (b) {
      return (b + 256).toString(16).slice(1);
    }).join('');
  }

  // A random id per browser, never a cookie: localStorage, else sessionStorage (storage may be blocked
  // or full, and touching it can throw), else one id for this page's lifetime.
  function visitorId() {
    var key = 'grid_visitor';
    for (var name of ['localStorage', 'sessionStorage']) {
      try {
        var store = win[name];
        var id = store.getItem(key);
        if (!id) store.setItem(key, (id = randomId()));
        return id;
      } catch (e) {}
    }
    return randomId();
  }

  // The ingestion endpoint rejects a whole event with bad props, so they are made to fit the contract
  // here: at most 32 entries, keys up to 64 chars, string values up to 256, numbers kept as numbers.
  function cleanProps(props) {
    var out = {};
    var n = 0;
    for (var k in props) {
      var v = props[k];
      if (n < 32 && k.length <= 64 && v != null) {
        out[k] = typeof v == 'number' && isFinite(v) ? v : String(v).slice(0, 256);
        n++;
      }
    }
    return n ? out : undefined;
  }

  function send(type, props, value) {
    var event = {
      id: randomId(),
      type: type,
      site: site,
      visitor: visitor,
      url: location.href,
      ts: Date.now(),
      referrer: (type == 'page_view' && doc.referrer) || undefined,
      value: isFinite(value) ? value : undefined,
      props: cleanProps(props),
    };
    var body = JSON.stringify(event);
    api.sent++;
    // text/plain keeps the request "simple": no CORS preflight, and sendBeacon survives the page unloading.
    try {
      if (nav.sendBeacon(endpoint, new Blob([body], { type: 'text/plain' }))) return;
    } catch (e) {}
    // No beacon, or its queue is full. no-cors: the answer is not needed, and a CORS error would be noise.
    fetch(endpoint, { method: 'POST', body: body, keepalive: true, mode: 'no-cors', credentials: 'omit' }).catch(
      function () {}
    );
  }

  // One page view per distinct URL: replaceState with the same URL, or a jump to an anchor (#...) on the
  // same page, is no new view.
  function pageView() {
    var page = location.href.split('#')[0];
    if (page != lastPage) {
      lastPage = page;
      send('page_view');
    }
  }

  ['pushState', 'replaceState'].forEach(function (method) {
    var original = history[method];
    history[method] = function () {
      var result = original.apply(this, arguments);
      pageView();
      return result;
    };
  });
  win.addEventListener('popstate', pageView);
  pageView();
})(window, document, navigator);
