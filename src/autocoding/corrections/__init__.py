"""The corrections store: coders' final codes for episodes the model coded, fed back to retraining."""
