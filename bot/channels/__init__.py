"""The bot's channels: the website widget (socket.io), SMS (Twilio) and Slack, each a subclass of Rasa's
own connector registered in credentials.yml by module path; ``render`` turns one reply into what each
channel shows best."""
