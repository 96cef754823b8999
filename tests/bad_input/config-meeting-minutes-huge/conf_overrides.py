studyguide_meeting_minutes = 10**5000
