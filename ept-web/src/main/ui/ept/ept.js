/* EPT web UI helpers: theme switch, the live event feed, copying deep links. */
var EPT = {
    context: function () {
        return document.body.getAttribute('data-context') || '';
    },

    toggleTheme: function () {
        var dark = document.body.classList.contains('ept-dark');
        document.cookie = 'ept-theme=' + (dark ? 'light' : 'dark') + '; path=' + (EPT.context() || '/')
            + '; max-age=31536000; SameSite=Strict';
        location.reload();
    },

    /** f:websocket onopen/onclose: the dashboard's "live" indicator. */
    liveState: function (on) {
        var dot = document.getElementById('liveDot');
        if (dot) {
            dot.classList.toggle('on', on);
            dot.title = on ? 'connected: events appear as they happen' : 'not connected';
        }
    },

    liveOpen: function () {
        EPT.liveState(true);
    },

    liveClose: function () {
        EPT.liveState(false);
    },

    /** f:websocket onmessage: one live event, shown on the dashboard of its fabric. */
    liveEvent: function (message) {
        var e = typeof message === 'string' ? JSON.parse(message) : message;
        var feed = document.getElementById('liveFeed');
        if (!feed || feed.getAttribute('data-fabric') !== e.fabric) {
            return;
        }
        var empty = document.getElementById('liveFeedEmpty');
        if (empty) {
            empty.parentNode.removeChild(empty);
        }
        var li = document.createElement('li');
        li.className = 'ept-feed-new';
        var time = document.createElement('span');
        time.className = 'ept-muted';
        time.textContent = e.time;
        var kind = document.createElement('span');
        kind.className = 'ept-feed-kind ept-feed-kind-' + e.kind;
        kind.textContent = e.kind;
        var text = document.createElement('span');
        if (e.link) {
            var a = document.createElement('a');
            a.href = e.link;
            a.className = 'ept-addr';
            a.textContent = e.addr;
            text.appendChild(a);
            text.appendChild(document.createTextNode(' ' + e.description));
        } else {
            text.textContent = e.description;
        }
        li.appendChild(time);
        li.appendChild(kind);
        li.appendChild(text);
        feed.insertBefore(li, feed.firstChild);
        while (feed.children.length > 100) {
            feed.removeChild(feed.lastChild);
        }
        var count = document.getElementById('liveCount');
        if (count) {
            count.textContent = String((parseInt(count.textContent, 10) || 0) + 1);
        }
    },

    /** A chart is a canvas (role img): it is named by the data-chart-label of the element around it. */
    chartLabels: function () {
        var charts = document.querySelectorAll('[data-chart-label] canvas');
        for (var i = 0; i < charts.length; i++) {
            charts[i].setAttribute('aria-label', charts[i].closest('[data-chart-label]').getAttribute('data-chart-label'));
        }
    },

    copyLink: function (relative) {
        var url = location.origin + EPT.context() + '/' + relative;
        var field = document.getElementById('permalink');
        if (field) {
            field.value = url;
            field.select();
        }
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(url);
        } else {
            document.execCommand('copy');
        }
    }
};

// charts draw their canvas once their script has run: name them once the page's scripts have run (they load after
// the first paint, io.ept.web.ui.scripts) and after each ajax update
document.addEventListener('ept:scripts-ready', EPT.chartLabels);
if (window.jQuery) {
    jQuery(document).on('pfAjaxComplete', EPT.chartLabels);
}
