"""Forms for the event pages. They only parse what was typed; the services decide
whether it is acceptable (end after start, a time that exists in the zone, a rule that
ends), and their errors are put back at the field they concern.

Times are typed as local wall-clock time in a chosen zone and stay *naive* here: turning
them into instants is the service's job, because a time can fall in a daylight-saving
gap or twice in one night, and the rules for that differ between an event and a series.
"""
