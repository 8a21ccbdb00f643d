"""The numbers a clinician would check, each with its source.

The pain scale and the pain-monitoring rule, the warning signs, the icing cap and its advice.
"""
