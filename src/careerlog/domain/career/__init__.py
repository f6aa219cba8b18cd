"""The career model's pure rules: tracks and their levels and competencies, progress
against the track held, the track-fit questionnaire, learning time, reflection prompts
and when a reflection falls due, which competency an entry is evidence for, and the
promotion packet. Standard library only."""
