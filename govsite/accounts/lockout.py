from django.http import HttpResponse


def locked_out(request, credentials, *args, **kwargs):
    return HttpResponse("账号已锁定", status=403)
