// Follows an event command until the outbound writer answers (applied, rejected, conflict, failed).
(function () {
    'use strict';
    var root = document.getElementById('command');
    var outcome = document.getElementById('command-outcome');
    var detail = document.getElementById('command-detail');
    if (!root) {
        return;
    }
    var url = root.getAttribute('data-status-url');
    var tries = 0;

    function poll() {
        tries++;
        fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
            .then(function (response) { return response.json(); })
            .then(function (status) {
                outcome.textContent = status.outcome;
                if (status.outcome === 'pending' || status.outcome === 'held') {
                    if (tries < 120) {
                        setTimeout(poll, 1000);
                    } else {
                        detail.textContent = 'Still waiting. The change stays queued; check the calendar later.';
                    }
                    return;
                }
                detail.textContent = status.outcome === 'applied'
                    ? 'Done: Google has the change.'
                    : [status.reason, status.message].filter(Boolean).join(': ');
            })
            .catch(function () { setTimeout(poll, 2000); });
    }

    if (outcome.textContent === 'pending' || outcome.textContent === 'held') {
        setTimeout(poll, 500);
    }
}());
