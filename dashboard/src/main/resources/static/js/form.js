// The event form: live character counts against the limits, and time fields hidden for all-day events.
(function () {
    'use strict';
    document.querySelectorAll('.counter[data-for]').forEach(function (counter) {
        var field = document.getElementById(counter.getAttribute('data-for'));
        if (!field) {
            return;
        }
        var max = parseInt(field.getAttribute('maxlength'), 10);
        function update() {
            counter.textContent = Array.from(field.value).length + ' / ' + max;
        }
        field.addEventListener('input', update);
        update();
    });
    var allDay = document.getElementById('allDay1');
    function toggle() {
        document.querySelectorAll('.timed').forEach(function (element) {
            element.hidden = allDay.checked;
        });
    }
    if (allDay) {
        allDay.addEventListener('change', toggle);
        toggle();
    }
}());
