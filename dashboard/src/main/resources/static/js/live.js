// Live updates: listens to /events/stream and re-renders #live-region from the server without a
// full page reload. Text from events is only ever set with textContent.
(function () {
    'use strict';
    var region = document.getElementById('live-region');
    var notice = document.getElementById('live-notice');
    if (!region || !window.EventSource) {
        return;
    }
    var refreshing = false;
    var again = false;

    function refresh() {
        if (refreshing) {
            again = true;
            return;
        }
        refreshing = true;
        fetch(window.location.href, {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
            .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
            .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('live-region');
                if (fresh) {
                    region.replaceChildren.apply(region, Array.prototype.slice.call(fresh.childNodes));
                }
            })
            .catch(function () { /* the next change or a reload will catch up */ })
            .finally(function () {
                refreshing = false;
                if (again) {
                    again = false;
                    refresh();
                }
            });
    }

    var source = new EventSource('/events/stream');
    var connectedBefore = false;
    source.addEventListener('ready', function () {
        // A 'ready' after the first is a reconnect (the server restarted or ended the stream):
        // changes made meanwhile were never sent, so read the region again.
        if (connectedBefore) {
            refresh();
        }
        connectedBefore = true;
        document.body.setAttribute('data-live-ready', 'true');
    });
    source.addEventListener('calendar-event-changed', function (message) {
        var change = JSON.parse(message.data);
        if (notice) {
            notice.textContent = (change.change === 'deleted' ? 'Removed: ' : 'Updated: ') + (change.summary || change.eventId);
            notice.hidden = false;
        }
        refresh();
    });
}());
