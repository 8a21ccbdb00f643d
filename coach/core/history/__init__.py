"""What was done: plain records and the pure rules over them.

Adherence statistics, the calendar, the pain trend, completion, the check-in, reminders and progression.
"""
