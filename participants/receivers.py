"""Listeners for signals of the layers below (accounts), so that those never import participants."""

from django.dispatch import receiver

from accounts.signals import manager_changed

from .services import enrolments_follow_manager


@receiver(manager_changed, dispatch_uid="participants-follow-manager")
def move_waiting_requests_to_new_manager(sender, *, person, old_manager_id, new_manager_id, **kwargs):
    enrolments_follow_manager(person=person, old_manager_id=old_manager_id, new_manager_id=new_manager_id)
