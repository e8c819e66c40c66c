import rules
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        return self.create_user(email, password, is_staff=True, is_superuser=True, **extra)


class User(AbstractUser):
    """Person with an account. Logs in with the e-mail address (django-allauth)."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("E-Mail-Adresse", unique=True)
    display_name = models.CharField(
        "Name", max_length=120, blank=True, help_text="So sehen euch die anderen Mitglieder."
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    def __str__(self):
        return self.display_name or self.email

    def has_perm(self, perm, obj=None):
        """A permission in a co-production is asked about a viewer (workspaces/rules.py) and
        decided by its rules alone: being a superuser grants none of them (Django's shortcut
        would let a superuser who observes, or whose co-production has ended, edit)."""
        if obj is not None:
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)
