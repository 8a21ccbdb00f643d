"""The app's flows: what happens, window after window, from one action of the person's.

`session.SessionFlow`: pain before → player → end of session → recovery → next-morning check-in.
`icing.IcingFlow`: the icing controller, its window, the tray and the reminders.
`requests.answer_request`: what a second launch asked for, by one table.
Each is built from the operation runner (which holds the Coach context) and the main window, and stops
everything it started (timers, watchers, windows) in `close()`.
"""
