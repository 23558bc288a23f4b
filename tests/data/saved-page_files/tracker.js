window.trackVisit && window.trackVisit();
