"""Public addresses of the formguard app (served by the public app and, in development, the back office)."""

from django.urls import path

from . import views

app_name = "formguard"
urlpatterns = [
    path("captcha/new/", views.new_captcha, name="captcha_new"),
    path("captcha/<str:token>.png", views.captcha_image, name="captcha_image"),
]
